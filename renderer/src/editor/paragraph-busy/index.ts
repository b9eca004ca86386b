export { ParagraphBusy } from './paragraph-busy';
