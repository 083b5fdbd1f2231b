import "server-only";
export { receiveUpload, shareDocuments } from "./upload";
export { openDownload, withdrawDocument } from "./download";
export { listProfileDocuments, listRecentShared, findDocument, newUploadsCount, newUploadsTodo } from "./queries";
