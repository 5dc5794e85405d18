/*
 * After `failures` consecutive failures the circuit opens: callers skip the dependency
 * at once instead of each waiting out a timeout. Once `cooldownMs` has passed, one call
 * is let through as a probe; its success closes the circuit, its failure opens it again.
 */

export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | null = null;
  private probing = false;

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

  /** Whether a call may go ahead now (true once per cool-down while open: the probe). */
  allow(): boolean {
    if (this.openedAt === null) return true;
    if (this.probing || this.now() - this.openedAt < this.cooldownMs) return false;
    this.probing = true;
    this.onChange('half-open');
    return true;
  }

  success(): void {
    this.consecutiveFailures = 0;
    if (this.openedAt === null) return;
    this.openedAt = null;
    this.probing = false;
    this.onChange('closed');
  }

  failure(): void {
    this.consecutiveFailures++;
    if (this.probing || (this.openedAt === null && this.consecutiveFailures >= this.failures)) {
      this.openedAt = this.now();
      this.probing = false;
      this.onChange('open');
    }
  }
}
