import "server-only";
export { receiveUpload, shareDocuments } from "./upload";
export { openDownload, openPreview, removeUpload, withdrawDocument } from "./download";
export {
  listProfileDocuments,
  pageProfileDocuments,
  DOCUMENT_PAGE_SIZE,
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
