export { ParagraphMenuRoom } from './paragraph-menu-room';
