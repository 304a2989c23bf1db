/**
 * A group action's lines at another total quantity (a planner modified it): each store keeps its
 * share, whole units, the rounding left over given to the largest remainders (ties by order), so the
 * lines always add up to the quantity.
 */
export function splitAcrossLines<T extends { quantity: number }>(lines: readonly T[], quantity: number): T[] {
  const proposed = lines.reduce((sum, line) => sum + line.quantity, 0);
  if (proposed <= 0 || lines.length === 0) return lines.map((line) => ({ ...line, quantity: 0 }));
  const total = Math.max(0, Math.round(quantity));
  const exact = lines.map((line) => (line.quantity / proposed) * total);
  const whole = exact.map(Math.floor);
  let left = total - whole.reduce((sum, units) => sum + units, 0);
  const byRemainder = exact.map((value, index) => ({ index, remainder: value - whole[index]! })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    whole[index]! += 1;
    left -= 1;
  }
  return lines.map((line, index) => ({ ...line, quantity: whole[index]! }));
}
