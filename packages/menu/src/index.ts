export { createMenu, getMenu, deleteMenu } from './menu'
export type { MenuSettings } from './menu'
export { addConditionalMenu, deleteConditionalMenu, tryMatchMenu } from './conditional'
export { getCurrentMenuInfo } from './current'
export type { CurrentMenuInfo, CurrentActionButton, CurrentSubMenu, ConsoleButton, CurrentNewsArticle } from './current'
export { defineMenu, menuEventKey, menuHandler } from './keys'
export type { MenuKeys, MenuPushLike } from './keys'
export {
  MENU_MAX_BUTTONS,
  MENU_MAX_SUB_BUTTONS,
  MENU_NAME_MAX_BYTES,
  MENU_SUB_NAME_MAX_BYTES,
  MENU_KEY_MAX_BYTES,
  MENU_URL_MAX_BYTES,
  CONDITIONAL_MENU_MAX_DOMAINS,
} from './internal/check'
export type {
  Menu,
  MenuButton,
  ActionButton,
  KeyButton,
  KeyButtonType,
  ViewButton,
  MiniProgramButton,
  MediaIdButton,
  ArticleButton,
  SubMenu,
  MatchRule,
  ConditionalMenu,
  UnknownButton,
  ReadButton,
  ReadMenu,
  ReadMatchRule,
  ReadConditionalMenu,
} from './types'
