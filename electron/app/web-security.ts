/**
 * What the page may do beyond drawing itself: almost nothing.
 * - Session: the content security policy on every http(s) answer (the dev server's; app: answers
 *   carry it themselves), and permission requests and checks refused except the sanitized
 *   clipboard write, for the app's own origin only.
 * - Every webContents: no <webview>, no navigation or redirect off the app's origin, no new
 *   windows. An http(s) link the writer follows is offered to the system browser after asking;
 *   any other scheme is dropped.
 */
import { BrowserWindow, dialog, shell, type Session, type WebContents } from 'electron';
import { isWebLink } from './app-origin';
import { isPermissionAllowed } from './allowed-permissions';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './content-security-policy';

export function secureSession(target: Session, options: { isAppUrl: (url: string) => boolean; dev: boolean }): void {
  const policy = options.dev ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  target.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, options.isAppUrl));
  });
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, options.isAppUrl),
  );
  target.setDevicePermissionHandler(() => false);
}

/** Asks the writer before a web link leaves the app; never for anything but http(s). */
async function offerToBrowser(contents: WebContents, url: string): Promise<void> {
  if (!isWebLink(url)) return;
  const link = new URL(url).href;
  const window = BrowserWindow.fromWebContents(contents);
  const question = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your web browser?',
    detail: link,
  };
  const { response } = window ? await dialog.showMessageBox(window, question) : await dialog.showMessageBox(question);
  // The writer has just seen and confirmed this exact http(s) address.
  if (response === 0) await shell.openExternal(link); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
}

export function secureContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    void offerToBrowser(contents, event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    void offerToBrowser(contents, url);
    return { action: 'deny' };
  });
}
