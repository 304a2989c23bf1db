import "server-only";
/**
 * Remembers which (location, sku, day) triples a file has already used, at one bit per possible
 * triple of the days that occur. A Set of string keys would need ~100 bytes per row and cannot hold
 * a 10-million-row sales file; dense daily data costs about one bit per row here.
 */
export class DailyKeySet {
  private readonly bitsPerDay: number;
  private readonly days = new Map<number, Uint8Array>();

  constructor(
    locationCount: number,
    private readonly productCount: number,
  ) {
    this.bitsPerDay = Math.max(1, locationCount * productCount);
  }

  /** Returns false when the triple was added before. Indexes are dense (0 … count-1). */
  add(dayNumber: number, locationIndex: number, productIndex: number): boolean {
    let bits = this.days.get(dayNumber);
    if (!bits) {
      bits = new Uint8Array(Math.ceil(this.bitsPerDay / 8));
      this.days.set(dayNumber, bits);
    }
    const bit = locationIndex * this.productCount + productIndex;
    const byte = bit >>> 3;
    const mask = 1 << (bit & 7);
    const current = bits[byte] ?? 0;
    if (current & mask) return false;
    bits[byte] = current | mask;
    return true;
  }
}
