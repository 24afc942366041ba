// Pure formatting helpers: no DOM, so node's test runner can check them.

/** A timestamp as the reader's local date and time; empty for none. */
export function when(timestamp, locale) {
  return timestamp ? new Date(timestamp).toLocaleString(locale) : '';
}

/** "1 poll", "3 polls": English plural by count. */
export function plural(count, one, many = one + 's') {
  return count + ' ' + (count === 1 ? one : many);
}

/** A length of time in the largest units that matter: "45 s", "12 min", "3 h 5 min", "4 d 2 h". */
export function duration(fromTimestamp, toTimestamp) {
  const seconds = Math.max(0, Math.round((Date.parse(toTimestamp) - Date.parse(fromTimestamp)) / 1000));
  if (Number.isNaN(seconds)) return '';
  if (seconds < 60) return seconds + ' s';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return minutes + ' min';
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours + ' h' + (minutes % 60 ? ' ' + (minutes % 60) + ' min' : '');
  const days = Math.floor(hours / 24);
  return days + ' d' + (hours % 24 ? ' ' + (hours % 24) + ' h' : '');
}
