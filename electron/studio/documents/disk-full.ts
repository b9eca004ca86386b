/** Whether a write failed because the disk, or the writer's share of it, is full: said as such, not guessed at. */
export function diskIsFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
