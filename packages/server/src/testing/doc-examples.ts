// WeChat's documented worked examples for push signatures and message crypto, copied from
// 消息加解密说明 / 消息推送 (Token "AAAAA", EncodingAESKey 43 × "A", AppID wxba5fad812f8e6fb9).
// https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html
// https://developers.weixin.qq.com/doc/oplatform/Website_App/WeChat_Login/message_push.md (URL verification)
import { WECHAT_DOC_CRYPTO } from '../../../../test-support/vectors'

export const DOC = {
  token: 'AAAAA',
  encodingAESKey: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  appId: 'wxba5fad812f8e6fb9',
  verify: {
    timestamp: '1714036504',
    nonce: '1514711492',
    echostr: '4375120948345356249',
    signature: 'f464b24fc39322e44b38aa78f5edd27bd1441696',
  },
  plainPush: {
    timestamp: '1714037059',
    nonce: '486452656',
    signature: '899cf89e464efb63f54ddac96b0a0a235f53aa78',
    body: '{"ToUserName":"gh_97417a04a28d","FromUserName":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY","CreateTime":1714037059,"MsgType":"event","Event":"debug_demo","debug_str":"hello world"}',
  },
  safePush: { ...WECHAT_DOC_CRYPTO.safePush, openid: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY' },
  reply: WECHAT_DOC_CRYPTO.reply,
} as const
