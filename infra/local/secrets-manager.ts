import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Secrets Manager for the twin: answers GetSecretValue (AWS JSON 1.1) from a
 * map, so handlers keep their real SecretsManagerClient.
 */
export class LocalSecretsManager {
  private server?: Server;

  constructor(private readonly secrets: Record<string, string>) {}

  async listen(host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = (status: number, body: unknown) => {
          res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' });
          res.end(JSON.stringify(body));
        };
        const operation = String(req.headers['x-amz-target'] ?? '').replace(/^secretsmanager\./, '');
        if (operation !== 'GetSecretValue') return answer(400, { __type: 'UnknownOperationException', message: `The twin does not implement ${operation}` });
        const { SecretId } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        const value = this.secrets[SecretId];
        if (value === undefined) return answer(400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
        answer(200, { ARN: `arn:aws:secretsmanager:local:000000000000:secret:${SecretId}`, Name: SecretId, SecretString: value, VersionId: '1' });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, host, resolve));
    return `http://${host}:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
