/*
 * After `failures` consecutive failures the circuit opens: callers skip the dependency
 * at once instead of each waiting out a timeout. Once `cooldownMs` has passed, one call
 * is let through as a probe; its success closes the circuit, its failure opens it again.
 *
 * Each call carries the pass `allow` gave it, and only outcomes of passes from the
 * current state count. Commands sent before the circuit opened may fail (time out) while
 * it is open or half-open; without passes, such a late failure would be taken for the
 * probe's and open the circuit again though the probe itself may yet succeed. Late
 * successes are ignored too: only the probe decides whether the circuit closes.
 */

export type BreakerState = 'closed' | 'open' | 'half-open';

/** Given by `allow` to a call it lets through; hand it back to `success` or `failure`. */
export type BreakerPass = number;

export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | null = null;
  private probing = false;
  /** Advanced at every change of state: a pass from an earlier state is stale. */
  private epoch = 0;

  constructor(
    private readonly failures: number,
    private readonly cooldownMs: number,
    private readonly onChange: (state: BreakerState) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.probing ? 'half-open' : 'open';
  }

  /** A pass if a call may go ahead now (once per cool-down while open: the probe), else null. */
  allow(): BreakerPass | null {
    if (this.openedAt === null) return this.epoch;
    if (this.probing || this.now() - this.openedAt < this.cooldownMs) return null;
    this.probing = true;
    this.epoch++;
    this.onChange('half-open');
    return this.epoch;
  }

  success(pass: BreakerPass): void {
    if (pass !== this.epoch) return;
    this.consecutiveFailures = 0;
    if (this.openedAt === null) return;
    this.openedAt = null;
    this.probing = false;
    this.epoch++;
    this.onChange('closed');
  }

  failure(pass: BreakerPass): void {
    if (pass !== this.epoch) return;
    this.consecutiveFailures++;
    if (this.probing || (this.openedAt === null && this.consecutiveFailures >= this.failures)) {
      this.openedAt = this.now();
      this.probing = false;
      this.epoch++;
      this.onChange('open');
    }
  }
}
