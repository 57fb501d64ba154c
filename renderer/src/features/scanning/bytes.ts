/** 123456 → "121 KB"; under a megabyte in KB, above in MB with one decimal (Vietnamese comma). */
export function formatBytes(bytes: number): string {
  return bytes < 1_000_000 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1_048_576).toFixed(1).replace('.', ',')} MB`;
}
