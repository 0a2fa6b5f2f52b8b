/** Ids of the commands this part of the extension registers or calls. */
export const COMMANDS = {
  openPanel: 'jwtLens.openPanel',
  verifyToken: 'jwtLens.verifyToken',
  crackSecret: 'jwtLens.crackSecret',
  decodeSelection: 'jwtLens.decodeSelection',
  decodeClipboard: 'jwtLens.decodeClipboard',
  copyDecodedHeader: 'jwtLens.copyDecodedHeader',
  copyDecodedClaims: 'jwtLens.copyDecodedClaims',
  showLog: 'jwtLens.showLog',
  disableRule: 'jwtLens.disableRule',
} as const;
