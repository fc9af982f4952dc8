// Result shapes of the subscription-notification endpoints (kept apart so wire.ts imports no public module).

/** A service category of the account (getcategory): what public templates are looked up by. */
export interface Category {
  readonly id: number
  readonly name: string
}

/** A public template title (getpubtemplatetitles). */
export interface TemplateTitle {
  /** The title id: what {@link addSubscribeTemplate} takes. */
  readonly tid: number
  readonly title: string
  /** 2: one-time subscription (一次性订阅); 3: long-term subscription (长期订阅). */
  readonly type: number
  readonly categoryId: number
}

/** A keyword of a public template (getpubtemplatekeywords). */
export interface KeywordInfo {
  /** The keyword id: what {@link addSubscribeTemplate} takes, in the order you want them shown. */
  readonly kid: number
  readonly name: string
  readonly example: string
  /** The value kind: `thing`, `time`, `amount`, ... (the key of a send is rule + position, e.g. `thing1`). */
  readonly rule: string
}

/** A template of the account (gettemplate). */
export interface SubscribeTemplate {
  readonly templateId: string
  readonly title: string
  /** The layout with its keys: `商品名称:{{thing1.DATA}}\n...`. */
  readonly content: string
  readonly example: string
  /** 2: one-time subscription; 3: long-term subscription. */
  readonly type: number
  /** The keys `content` declares, in order (`['thing1', 'time2']`): what a send's `data` needs. */
  readonly keys: readonly string[]
}
