import { CircuitBreaker, type BreakerState } from '../src/redis/circuit-breaker';

describe('the circuit breaker in front of Redis', () => {
  let now = 0;
  const changes: BreakerState[] = [];
  const breaker = () => new CircuitBreaker(3, 2000, (state) => changes.push(state), () => now);
  beforeEach(() => {
    now = 0;
    changes.length = 0;
  });

  it('opens after the given number of failures in a row, not before, and a success resets the count', () => {
    const b = breaker();
    b.failure();
    b.failure();
    b.success();
    b.failure();
    b.failure();
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.state).toBe('open');
    expect(b.allow()).toBe(false);
  });

  it('lets one probe through after the cool-down: its success closes the circuit, its failure opens it again', () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) b.failure();
    now = 1999;
    expect(b.allow()).toBe(false);
    now = 2000;
    expect(b.allow()).toBe(true);
    expect(b.allow()).toBe(false); // one probe at a time
    b.failure();
    expect(b.state).toBe('open');
    now = 3999;
    expect(b.allow()).toBe(false);
    now = 4000;
    expect(b.allow()).toBe(true);
    b.success();
    expect(b.state).toBe('closed');
    expect(b.allow()).toBe(true);
    expect(changes).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });
});
