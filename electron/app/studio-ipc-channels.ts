/**
 * The two IPC channels between the preload and main. Requests go through one `invoke` channel
 * and always resolve with an envelope: an error thrown by an ipcMain handler reaches the
 * renderer as a bare message ("Error invoking remote method ..."), losing the code and detail
 * the UI shows, so failures travel as values and the preload turns them back into rejections.
 */
import type { MenuCommand, StudioError, StudioEvent } from '../contract/studio-api';

export const STUDIO_REQUEST_CHANNEL = 'studio:request';
export const STUDIO_EVENT_CHANNEL = 'studio:event';

export type StudioEnvelope = { ok: true; result: unknown } | { ok: false; error: StudioError };

/** What main pushes on the event channel: the studio's events and the menu's commands. */
export type ShellEvent = StudioEvent | { type: 'menu-command'; command: MenuCommand };
