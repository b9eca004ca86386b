/// <reference lib="dom" />
/**
 * What the page can reach, checked from inside it: the Studio API object and nothing of Node or
 * Electron (the preload's narrow bridge in the desktop app, the WebSocket client in the browser),
 * and the content security policy the page is served with, enforced. (Whether the policy refuses
 * eval cannot be seen from here: code run through the debugging protocol is exempt from the
 * policy, eval inside it too; the header's exact text says so instead.)
 */
import type { Page } from 'playwright-core';
import { CONTENT_SECURITY_POLICY as APP_POLICY } from '../../electron/app/content-security-policy';
import { STUDIO_METHOD_NAMES } from '../../electron/app/studio-methods';
import { contentSecurityPolicy } from '../../electron/contract/content-security-policy';

/** Names a page would use to reach Node or Electron, were they exposed. */
const FORBIDDEN_GLOBALS = ['require', 'process', 'module', 'exports', 'Buffer', 'global', '__dirname', 'ipcRenderer', 'electron'];
/** What window.studio carries besides the request methods (the StudioApi's events and picture addresses). */
const API_EXTRAS = ['onEvent', 'assetUrl', 'assetThumbnailUrl', 'libraryThumbnailUrl'];
/** The browser's WebSocket client can also close its connection. */
const BROWSER_EXTRAS = ['close'];

export interface PageReach {
  /** Forbidden names that are defined in the page. */
  reachable: string[];
  /** window.studio's own keys, sorted. */
  studioKeys: string[];
}

export function pageReach(page: Page): Promise<PageReach> {
  return page.evaluate((names) => {
    const scope = globalThis as unknown as Record<string, unknown>;
    return {
      reachable: names.filter((name) => typeof scope[name] !== 'undefined'),
      studioKeys: Object.keys((scope.studio as object | undefined) ?? {}).sort(),
    };
  }, FORBIDDEN_GLOBALS);
}

/** What is wrong with what the page can reach, or []. */
export function reachProblems(reach: PageReach, shell: 'browser' | 'electron'): string[] {
  const expected = [...STUDIO_METHOD_NAMES, ...API_EXTRAS, ...(shell === 'browser' ? BROWSER_EXTRAS : [])].sort();
  const problems = reach.reachable.map((name) => `the page can reach ${name}`);
  const extra = reach.studioKeys.filter((key) => !expected.includes(key));
  const missing = expected.filter((key) => !reach.studioKeys.includes(key));
  if (extra.length > 0) problems.push(`window.studio carries more than the Studio API: ${extra.join(', ')}`);
  if (missing.length > 0) problems.push(`window.studio lacks ${missing.join(', ')}`);
  return problems;
}

/** The policy each shell must send with the page. */
export function expectedPolicy(shell: 'browser' | 'electron'): string {
  return shell === 'electron' ? APP_POLICY : contentSecurityPolicy();
}

export interface PolicyCheck {
  /** The Content-Security-Policy header the page's own document comes with. */
  header: string | null;
  /** The directive an injected inline script violated, or null when none was reported. */
  inlineScriptViolation: string | null;
  /** Whether the injected inline script ran. */
  inlineScriptRan: boolean;
}

export function checkPolicy(page: Page): Promise<PolicyCheck> {
  return page.evaluate(async () => {
    const response = await fetch(location.href.split('#')[0] ?? location.href, { cache: 'no-store' });
    const header = response.headers.get('content-security-policy');
    const scope = window as unknown as { folioInlineRan?: boolean };
    const violation = new Promise<string | null>((resolve) => {
      document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), { once: true });
      setTimeout(() => resolve(null), 3000);
    });
    const script = document.createElement('script');
    script.textContent = 'window.folioInlineRan = true';
    document.head.append(script);
    const inlineScriptViolation = await violation;
    script.remove();
    return { header, inlineScriptViolation, inlineScriptRan: scope.folioInlineRan === true };
  });
}

export function policyProblems(check: PolicyCheck, shell: 'browser' | 'electron'): string[] {
  const problems: string[] = [];
  if (check.header !== expectedPolicy(shell))
    problems.push(`the page came with the policy ${JSON.stringify(check.header)}, not ${expectedPolicy(shell)}`);
  if (check.inlineScriptRan) problems.push('an inline script injected into the page ran');
  if (!check.inlineScriptViolation?.startsWith('script-src'))
    problems.push(`no script-src violation was reported (${check.inlineScriptViolation})`);
  return problems;
}
