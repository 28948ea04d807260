/** A problem the indexer found in an input, reported as `file:line: message`. */
export interface Warning {
  file: string;
  line: number;
  message: string;
}

export function formatWarning(warning: Warning): string {
  return `${warning.file}:${warning.line}: ${warning.message}`;
}
