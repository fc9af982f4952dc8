// The account's custom menu, in one file to copy: the menu WeChat shows and the answers to its
// buttons are written together. Its keys are types, so answering a key the menu does not have
// does not compile. Set the menu once (`setUpMenu(wx)` at deploy: WeChat keeps it); the push app
// answers taps with `answerMenu`.
// Menu: https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu
// Taps: https://developers.weixin.qq.com/doc/service/guide/product/menu/Custom_Menu_Push_Events.html
import type { WeChatClient } from '@wxmp/core'
import { createMenu, defineMenu, menuEventKey } from '@wxmp/menu'
import type { Push, Reply } from '@wxmp/server'

export const shopMenu = defineMenu({
  buttons: [
    { type: 'click', name: 'My orders', key: 'MY_ORDERS' },
    {
      name: 'Shop',
      subButtons: [
        { type: 'scancode_waitmsg', name: 'Scan a product', key: 'SCAN_PRODUCT' },
        { type: 'location_select', name: 'Nearest store', key: 'NEAREST_STORE' },
        { type: 'view', name: 'Website', url: 'https://shop.example.com/' },
      ],
    },
  ],
})

/** Sets the menu; WeChat keeps it until the next call (clients refresh within minutes). */
export const setUpMenu = (wx: WeChatClient): Promise<void> => createMenu(wx, shopMenu)

/** Whether the push is a tap on one of the menu's key buttons (a VIEW carries a URL, not a key). */
export const isMenuTap = (push: Push): boolean => menuEventKey(shopMenu, push) !== undefined

/** The passive reply to a tap on the menu, within WeChat's 5 seconds. */
export function answerMenu(push: Push): Reply | undefined {
  if (push.msgType !== 'event') return undefined
  switch (menuEventKey(shopMenu, push)) {
    case 'MY_ORDERS':
      return { type: 'text', content: 'You have 1 order on its way: #42, arriving tomorrow.' }
    case 'SCAN_PRODUCT':
      return { type: 'text', content: push.event === 'scancode_waitmsg' ? `Product ${push.scanResult}: in stock, ¥12.50.` : 'Scan again?' }
    case 'NEAREST_STORE':
      return {
        type: 'text',
        content: push.event === 'location_select' ? `Nearest store to ${push.label || 'you'}: 300 m, open till 22:00.` : 'Where are you?',
      }
    default:
      return undefined
  }
}
