// co-wechat-api and wechat-api ship no types. These tests call their methods as their docs show,
// so each method the tests use is declared loosely (test code only; the libraries are untyped JS).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare module 'co-wechat-api' {
  interface CoWechatApi {
    request(url: string, ...rest: never[]): unknown
    showQRCodeURL(ticket: string): string
    addKfAccount(...args: any[]): any
    addTemplate(...args: any[]): any
    batchGetUsers(...args: any[]): any
    batchTagging(...args: any[]): any
    batchUnTagging(...args: any[]): any
    createGroup(...args: any[]): any
    createKfSession(...args: any[]): any
    createLimitQRCode(...args: any[]): any
    createTags(...args: any[]): any
    createTmpQRCode(...args: any[]): any
    delPrivateTemplate(...args: any[]): any
    deleteKfAccount(...args: any[]): any
    deleteMass(...args: any[]): any
    deleteTag(...args: any[]): any
    getAllPrivateTemplate(...args: any[]): any
    getCustomServiceList(...args: any[]): any
    getFollowers(...args: any[]): any
    getGroups(...args: any[]): any
    getIdList(...args: any[]): any
    getIndustry(...args: any[]): any
    getMassMessageStatus(...args: any[]): any
    getMaterial(...args: any[]): any
    getMaterialCount(...args: any[]): any
    getMaterials(...args: any[]): any
    getMedia(...args: any[]): any
    getOnlineCustomServiceList(...args: any[]): any
    getRecords(...args: any[]): any
    getTags(...args: any[]): any
    getUser(...args: any[]): any
    getUsersFromTag(...args: any[]): any
    getWhichGroup(...args: any[]): any
    inviteworker(...args: any[]): any
    massSend(...args: any[]): any
    massSendImage(...args: any[]): any
    massSendMPVideo(...args: any[]): any
    massSendNews(...args: any[]): any
    massSendText(...args: any[]): any
    massSendVideo(...args: any[]): any
    massSendVoice(...args: any[]): any
    moveUserToGroup(...args: any[]): any
    moveUsersToGroup(...args: any[]): any
    previewImage(...args: any[]): any
    previewNews(...args: any[]): any
    previewText(...args: any[]): any
    previewVideo(...args: any[]): any
    previewVoice(...args: any[]): any
    removeGroup(...args: any[]): any
    removeMaterial(...args: any[]): any
    sendCard(...args: any[]): any
    sendImage(...args: any[]): any
    sendMiniProgram(...args: any[]): any
    sendMpNews(...args: any[]): any
    sendMusic(...args: any[]): any
    sendNews(...args: any[]): any
    sendTemplate(...args: any[]): any
    sendText(...args: any[]): any
    sendVideo(...args: any[]): any
    sendVoice(...args: any[]): any
    setIndustry(...args: any[]): any
    setKfAccountAvatar(...args: any[]): any
    updateGroup(...args: any[]): any
    updateKfAccount(...args: any[]): any
    updateNewsMaterial(...args: any[]): any
    updateRemark(...args: any[]): any
    updateTag(...args: any[]): any
    uploadImage(...args: any[]): any
    uploadMPVideo(...args: any[]): any
    uploadMaterial(...args: any[]): any
    uploadMedia(...args: any[]): any
    uploadNews(...args: any[]): any
    uploadNewsMaterial(...args: any[]): any
    uploadVideoMaterial(...args: any[]): any
    // menus
    addConditionalMenu(...args: any[]): any
    createMenu(...args: any[]): any
    delConditionalMenu(...args: any[]): any
    getMenu(...args: any[]): any
    getMenuConfig(...args: any[]): any
    removeMenu(...args: any[]): any
    tryConditionalMenu(...args: any[]): any
  }
  const API: new (appId: string, appSecret: string, getToken?: () => unknown, saveToken?: (token: unknown) => unknown) => CoWechatApi
  export default API
}

declare module 'wechat-api' {
  interface WechatApi {
    request(url: string, ...rest: never[]): unknown
    showQRCodeURL(ticket: string): string
    addKfAccount(...args: any[]): any
    addTemplate(...args: any[]): any
    batchGetUsers(...args: any[]): any
    closeKfSession(...args: any[]): any
    createGroup(...args: any[]): any
    createKfSession(...args: any[]): any
    createLimitQRCode(...args: any[]): any
    createTag(...args: any[]): any
    createTmpQRCode(...args: any[]): any
    delPrivateTemplate(...args: any[]): any
    deleteKfAccount(...args: any[]): any
    deleteMass(...args: any[]): any
    deleteTag(...args: any[]): any
    editTag(...args: any[]): any
    getAllPrivateTemplate(...args: any[]): any
    getCustomServiceList(...args: any[]): any
    getFollowers(...args: any[]): any
    getGroups(...args: any[]): any
    getIndustry(...args: any[]): any
    getKfSession(...args: any[]): any
    getKfSessionList(...args: any[]): any
    getKfSessionWaitCase(...args: any[]): any
    getMassMessageStatus(...args: any[]): any
    getMaterial(...args: any[]): any
    getMaterialCount(...args: any[]): any
    getMaterials(...args: any[]): any
    getMedia(...args: any[]): any
    getOnlineCustomServiceList(...args: any[]): any
    getRecords(...args: any[]): any
    getTagUsers(...args: any[]): any
    getTags(...args: any[]): any
    getUser(...args: any[]): any
    getUserTags(...args: any[]): any
    getWhichGroup(...args: any[]): any
    massSend(...args: any[]): any
    massSendImage(...args: any[]): any
    massSendMPVideo(...args: any[]): any
    massSendNews(...args: any[]): any
    massSendText(...args: any[]): any
    massSendVideo(...args: any[]): any
    massSendVoice(...args: any[]): any
    membersBatchtagging(...args: any[]): any
    membersBatchuntagging(...args: any[]): any
    moveUserToGroup(...args: any[]): any
    previewImage(...args: any[]): any
    previewNews(...args: any[]): any
    previewText(...args: any[]): any
    previewVideo(...args: any[]): any
    previewVoice(...args: any[]): any
    removeGroup(...args: any[]): any
    removeMaterial(...args: any[]): any
    sendCard(...args: any[]): any
    sendCardFromCs(...args: any[]): any
    sendImage(...args: any[]): any
    sendImageFromCs(...args: any[]): any
    sendMpNews(...args: any[]): any
    sendMpNewsFromCs(...args: any[]): any
    sendMusic(...args: any[]): any
    sendMusicFromCs(...args: any[]): any
    sendNews(...args: any[]): any
    sendNewsFromCs(...args: any[]): any
    sendTemplate(...args: any[]): any
    sendText(...args: any[]): any
    sendTextFromCs(...args: any[]): any
    sendVideo(...args: any[]): any
    sendVideoFromCs(...args: any[]): any
    sendVoice(...args: any[]): any
    sendVoiceFromCs(...args: any[]): any
    setIndustry(...args: any[]): any
    setKfAccountAvatar(...args: any[]): any
    updateGroup(...args: any[]): any
    updateKfAccount(...args: any[]): any
    updateNewsMaterial(...args: any[]): any
    updateRemark(...args: any[]): any
    uploadImage(...args: any[]): any
    uploadImageStream(...args: any[]): any
    uploadMPVideo(...args: any[]): any
    uploadMaterial(...args: any[]): any
    uploadMedia(...args: any[]): any
    uploadMediaStream(...args: any[]): any
    uploadNews(...args: any[]): any
    uploadNewsMaterial(...args: any[]): any
    uploadVideoMaterial(...args: any[]): any
    // menus
    createCustomMenu(...args: any[]): any
    createMenu(...args: any[]): any
    getMenu(...args: any[]): any
    getMenuConfig(...args: any[]): any
    removeCustomMenu(...args: any[]): any
    removeMenu(...args: any[]): any
    testCustomMenu(...args: any[]): any
  }
  const API: new (
    appId: string,
    appSecret: string,
    getToken?: (callback: unknown) => void,
    saveToken?: (token: unknown, callback: unknown) => void,
  ) => WechatApi
  export default API
}
