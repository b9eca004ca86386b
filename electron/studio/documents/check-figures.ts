import { isAssetId, type ArticleDocument, type FigureNode } from './article-document';
import { assetProblemText, loadAsset, type ProjectAssets } from './project-assets';
import type { ProjectWarning, ProjectWarningCode } from './project-error';

const PROBLEM_CODES: Record<string, ProjectWarningCode> = {
  missing: 'asset-missing',
  damaged: 'asset-damaged',
  'too-large': 'asset-too-large',
  escapes: 'path-escapes',
};

/**
 * Checks every figure's picture against the files in the project. A figure whose picture is
 * missing, damaged, too large or outside the folder is left empty with the reason (the writer
 * sees an empty slot saying why, not a broken image); candidates that are gone are dropped.
 * Changes `document` in place and returns one warning per figure repaired.
 */
export async function checkFigures(document: ArticleDocument, assets: ProjectAssets): Promise<ProjectWarning[]> {
  const warnings: ProjectWarning[] = [];
  let number = 0;
  for (const node of document.content) {
    if (node.type !== 'figure') continue;
    number++;
    const name = figureName(node, number);
    const { assetId } = node.attrs;
    if (assetId !== null) {
      const problem = await pictureProblem(assetId, assets);
      if (problem) {
        warnings.push({ code: problem.code, message: `${name}: ${problem.text}; the figure is left empty.`, detail: problem.detail });
        node.attrs.assetId = null;
        node.attrs.emptyReason = `${problem.text.replace(/^its /, 'This figure’s ')}.`;
      }
    }
    const kept = node.attrs.candidates.filter((id) => isAssetId(id) && assets.files.has(id));
    // The figure's own picture, when it is the one gone, was reported above.
    const dropped = node.attrs.candidates.filter((id) => !kept.includes(id) && id !== assetId).length;
    if (dropped > 0) {
      const some = dropped === 1 ? '1 other picture it could be swapped to is' : `${dropped} other pictures it could be swapped to are`;
      warnings.push({ code: 'figure-repaired', message: `${name}: ${some} missing from the project.` });
    }
    const chosen = node.attrs.assetId === null ? null : kept.indexOf(node.attrs.assetId);
    node.attrs.candidates = kept;
    node.attrs.chosen = chosen === null || chosen < 0 ? null : chosen;
    if (node.attrs.assetId === null && node.attrs.provenance !== null) node.attrs.provenance = null;
    if (node.attrs.assetId === null && !node.attrs.emptyReason) node.attrs.emptyReason = 'No picture yet.';
  }
  return warnings;
}

async function pictureProblem(
  assetId: string,
  assets: ProjectAssets,
): Promise<{ code: ProjectWarningCode; text: string; detail?: string } | null> {
  if (!isAssetId(assetId)) {
    // Asset ids are hashes; anything path-like is a reference out of the folder.
    if (/[/\\]|\.\./.test(assetId))
      return {
        code: 'path-escapes',
        text: 'its picture points outside the project folder',
        detail: `assetId ${JSON.stringify(assetId.slice(0, 200))}`,
      };
    return {
      code: 'asset-missing',
      text: 'its picture reference is not valid',
      detail: `assetId ${JSON.stringify(assetId.slice(0, 200))}`,
    };
  }
  const loaded = await loadAsset(assets, assetId);
  if ('bytes' in loaded) return null;
  const where = loaded.file ? ` (${loaded.file})` : ` (assets/${assetId.slice(0, 12)}…)`;
  return {
    code: PROBLEM_CODES[loaded.problem] as ProjectWarningCode,
    text: `${assetProblemText(loaded.problem)}${where}`,
    detail: loaded.detail,
  };
}

function figureName(node: FigureNode, number: number): string {
  const title = (node.attrs.caption || node.attrs.slotTitle).trim();
  return title ? `Figure ${number} (“${title.length > 60 ? `${title.slice(0, 57)}…` : title}”)` : `Figure ${number}`;
}
