/** The SQLSTATE of an error from either backend (`pg` and PGlite both set `code`), if any. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** The message of an error from either backend. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
