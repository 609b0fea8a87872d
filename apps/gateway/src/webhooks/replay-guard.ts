/**
 * Signatures seen within the tolerance window: a request carrying one again is a replay. Entries
 * leave once their timestamp is out of the window, when no replay of them could pass anyway.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  private sweptAt = 0;

  constructor(private readonly toleranceSeconds: number) {}

  /** Records the signature; false when it was already seen (a replay). */
  claim(signature: string, timestamp: number, nowSeconds: number): boolean {
    this.forgetExpired(nowSeconds);
    if (this.seen.has(signature)) return false;
    this.seen.set(signature, timestamp + this.toleranceSeconds);
    return true;
  }

  /** Lets a signature through again: its request was not delivered, so the sender may retry it. */
  release(signature: string): void {
    this.seen.delete(signature);
  }

  private forgetExpired(nowSeconds: number): void {
    if (nowSeconds === this.sweptAt) return;
    this.sweptAt = nowSeconds;
    for (const [signature, expiresAt] of this.seen) {
      if (expiresAt < nowSeconds) this.seen.delete(signature);
    }
  }
}
