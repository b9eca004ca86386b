/** The paragraph menu's bubble-menu plugin key: a transaction with this meta set to 'hide' hides it. */
export const PARAGRAPH_MENU_KEY = 'paragraphMenu';
