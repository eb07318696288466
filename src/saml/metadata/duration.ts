/**
 * Seconds in an xs:duration such as `PT6H` or `P1DT12H` (SAML metadata cacheDuration).
 * Years and months count as 365 and 30 days: only used to schedule a refresh.
 */
export function durationSeconds(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const match =
    /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      value.trim(),
    );
  if (!match || value.trim() === 'P' || value.trim().endsWith('T')) return undefined;
  const [, years, months, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  return (
    (years ?? 0) * 31_536_000 +
    (months ?? 0) * 2_592_000 +
    (days ?? 0) * 86_400 +
    (hours ?? 0) * 3600 +
    (minutes ?? 0) * 60 +
    Math.floor(seconds ?? 0)
  );
}
