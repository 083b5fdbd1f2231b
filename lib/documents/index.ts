import "server-only";
export { receiveUpload, shareDocuments } from "./upload";
export { openDownload, openPreview, removeUpload, withdrawDocument } from "./download";
export {
  listProfileDocuments,
  listRecentShared,
  recentSharedJson,
  findDocument,
  findPreviewable,
  listNewUploads,
  newUploadsCount,
  newUploadsSummary,
  newUploadsTodo,
  staffDocumentHref,
} from "./queries";
