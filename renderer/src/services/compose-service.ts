import type { ComposeRequest, EditParagraphRequest, FigureActionRequest } from '@contract/studio-api';
import { studio } from '../studio';
import { callStudio } from './studio-error';

export const composeService = {
  compose: (request: ComposeRequest) => callStudio(() => studio().compose(request)),
  editParagraph: (request: EditParagraphRequest) => callStudio(() => studio().editParagraph(request)),
  figureAction: (request: FigureActionRequest) => callStudio(() => studio().figureAction(request)),
};
