/** The archive builder with its own S3 client, bundled as the Lambda bundles them (test/integration/archive-bundled.test.ts). */
export { buildArchive } from '../../functions/assemble-archive/archive.js';
export { S3Client } from '@aws-sdk/client-s3';
