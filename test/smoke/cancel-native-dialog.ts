/**
 * Cancels the desktop app's native open or save dialog from the keyboard (Escape), as a writer
 * would, through the platform's own means: xdotool on X11 (the dialog found by its title, focused
 * and sent Escape; works without a window manager, as under Xvfb), WScript.Shell on Windows (the
 * dialog activated by its title), System Events on macOS (the app brought to the front; the
 * panel is a sheet on its window). Fails when no such dialog appears within the time given.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function cancelNativeDialog(
  title: string,
  options: { pid: number; timeoutMs?: number; platform?: NodeJS.Platform },
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const platform = options.platform ?? process.platform;
  if (platform === 'linux') {
    const pattern = `^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
    const { stdout } = await run('xdotool', ['search', '--sync', '--name', pattern], { timeout: timeoutMs }).catch(() => {
      throw new Error(`No dialog titled "${title}" appeared within ${timeoutMs / 1000} s.`);
    });
    const id = stdout.trim().split('\n')[0] ?? '';
    await run('xdotool', ['windowfocus', id]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await run('xdotool', ['key', 'Escape']);
    return;
  }
  if (platform === 'win32') {
    const script = [
      '$shell = New-Object -ComObject WScript.Shell',
      `$deadline = (Get-Date).AddMilliseconds(${timeoutMs})`,
      `while ((Get-Date) -lt $deadline) { if ($shell.AppActivate('${title.replace(/'/g, "''")}')) { Start-Sleep -Milliseconds 300; $shell.SendKeys('{ESC}'); exit 0 }; Start-Sleep -Milliseconds 250 }`,
      'exit 1',
    ].join('; ');
    await run('powershell', ['-NoProfile', '-Command', script], { timeout: timeoutMs + 10_000 }).catch(() => {
      throw new Error(`No dialog titled "${title}" could be activated within ${timeoutMs / 1000} s.`);
    });
    return;
  }
  // macOS: the save and open panels are sheets without a title of their own; give the panel time to open.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await run('osascript', [
    '-e',
    `tell application "System Events" to set frontmost of (first process whose unix id is ${options.pid}) to true`,
    '-e',
    'delay 0.3',
    '-e',
    'tell application "System Events" to key code 53',
  ]);
}
