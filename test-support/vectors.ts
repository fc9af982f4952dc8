// WeChat's own worked examples as data, for every package's tests: one copy, the doc page beside it.
// Push crypto (消息加解密说明, 接入指引): Token "AAAAA", EncodingAESKey 43 × "A", AppID wxba5fad812f8e6fb9.
// https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html

/** URL verification (the console's GET) from the same page: sha1 of the sorted token, timestamp, nonce. */
export const WECHAT_DOC_VERIFY = {
  token: 'AAAAA',
  timestamp: '1714036504',
  nonce: '1514711492',
  echostr: '4375120948345356249',
  signature: 'f464b24fc39322e44b38aa78f5edd27bd1441696',
} as const

export const WECHAT_DOC_CRYPTO = {
  token: 'AAAAA',
  encodingAESKey: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  appId: 'wxba5fad812f8e6fb9',
  safePush: {
    timestamp: '1714112445',
    nonce: '415670741',
    signature: '6c5c811b55cc85e0e1b54100749188c20beb3f5d',
    msgSignature: '046e02f8204d34f8ba5fa3b1db94908f3df2e9b3',
    encrypt:
      '+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=',
    plaintext:
      '{"ToUserName":"gh_97417a04a28d","FromUserName":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY","CreateTime":1714112445,"MsgType":"event","Event":"debug_demo","debug_str":"hello world"}',
  },
  reply: {
    timestamp: '1713424427',
    nonce: '415670741',
    random16: '707722b803182950',
    plaintext: '{"demo_resp":"good luck"}',
    encrypt: 'ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==',
    msgSignature: '1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1',
  },
} as const
