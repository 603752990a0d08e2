/**
 * Whether a process with `pid` runs on this host. EPERM (it exists, under another
 * user) counts as running; only ESRCH means it is gone.
 */
export function processExists(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
