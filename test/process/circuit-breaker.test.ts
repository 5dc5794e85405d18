import { CircuitBreaker, type BreakerPass, type BreakerState } from '../../src/redis/circuit-breaker';

describe('the circuit breaker in front of Redis', () => {
  let now = 0;
  const changes: BreakerState[] = [];
  const breaker = () =>
    new CircuitBreaker(
      3,
      2000,
      (state) => changes.push(state),
      () => now,
    );
  /** A call let through: its pass. */
  const pass = (b: CircuitBreaker): BreakerPass => {
    const p = b.allow();
    expect(p).not.toBeNull();
    return p as BreakerPass;
  };
  const fail = (b: CircuitBreaker, times: number) => {
    for (let i = 0; i < times; i++) b.failure(pass(b));
  };
  beforeEach(() => {
    now = 0;
    changes.length = 0;
  });

  it('opens after the given number of failures in a row, not before, and a success resets the count', () => {
    const b = breaker();
    fail(b, 2);
    b.success(pass(b));
    fail(b, 2);
    const third = pass(b);
    b.failure(third);
    expect(b.state).toBe('open');
    expect(b.allow()).toBeNull();
  });

  it('lets one probe through after the cool-down: its success closes the circuit, its failure opens it again', () => {
    const b = breaker();
    fail(b, 3);
    now = 1999;
    expect(b.allow()).toBeNull();
    now = 2000;
    const probe = pass(b);
    expect(b.allow()).toBeNull(); // one probe at a time
    b.failure(probe);
    expect(b.state).toBe('open');
    now = 3999;
    expect(b.allow()).toBeNull();
    now = 4000;
    b.success(pass(b));
    expect(b.state).toBe('closed');
    pass(b);
    expect(changes).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });

  it('does not blame the probe for a command sent before the circuit opened: only the probe decides', () => {
    const b = breaker();
    const old = [pass(b), pass(b), pass(b), pass(b), pass(b)];
    for (const p of old.slice(0, 3)) b.failure(p);
    expect(b.state).toBe('open');
    // An older command succeeding late, while open, does not close the circuit.
    b.success(old[3]);
    expect(b.state).toBe('open');
    now = 2000;
    const probe = pass(b);
    // An older command timing out while the probe is out does not open it again.
    b.failure(old[4]);
    expect(b.state).toBe('half-open');
    b.success(probe);
    expect(b.state).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('does not count late failures of commands from before the circuit closed towards opening it again', () => {
    const b = breaker();
    const old = [pass(b), pass(b), pass(b), pass(b), pass(b)];
    for (const p of old.slice(0, 3)) b.failure(p);
    now = 2000;
    b.success(pass(b));
    b.failure(old[3]);
    b.failure(old[4]);
    fail(b, 2);
    expect(b.state).toBe('closed');
    fail(b, 1);
    expect(b.state).toBe('open');
  });
});
