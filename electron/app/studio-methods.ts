/**
 * The Studio API's request methods, by name: what main accepts over IPC and what the preload
 * exposes. The record's type makes the compiler keep it equal to the contract: a method added
 * to StudioMethods fails to compile here until it is listed, and a name not in it cannot be.
 */
import type { StudioMethodName } from '../contract/studio-api';

const STUDIO_METHODS: Record<StudioMethodName, true> = {
  capabilities: true,
  modelSetup: true,
  modelStatus: true,
  checkModelFiles: true,
  loadModel: true,
  cancelModelLoad: true,
  downloadModel: true,
  openWorkspace: true,
  saveDocument: true,
  newProject: true,
  openProject: true,
  saveProjectAs: true,
  importArticle: true,
  importImage: true,
  readMarkdown: true,
  exportArticle: true,
  compose: true,
  editParagraph: true,
  figureAction: true,
  ask: true,
  libraryState: true,
  indexLibrary: true,
  searchLibrary: true,
  removeLibraryFolder: true,
  setBackgroundCaptions: true,
  evaluateModel: true,
  convertModel: true,
  cancelJob: true,
  pickPath: true,
  listFolder: true,
  createFolder: true,
};

export const STUDIO_METHOD_NAMES = Object.freeze(Object.keys(STUDIO_METHODS) as StudioMethodName[]);

export function isStudioMethod(name: unknown): name is StudioMethodName {
  return typeof name === 'string' && Object.hasOwn(STUDIO_METHODS, name);
}
