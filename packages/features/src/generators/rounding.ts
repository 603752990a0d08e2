/** `value` limited to [min, max]: how the generators keep a drawn value inside its schema range. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** `value` rounded to `decimals` places, as the generators store amounts, ratios and coordinates. */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
