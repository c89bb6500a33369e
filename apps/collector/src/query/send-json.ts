import type { Response } from 'express';

/**
 * Sends a JSON body that is already text (the query API's formatQueryResponse). Handing Nest an object
 * would stringify it again and let Express hash the whole body for an ETag: for a range query of
 * hundreds of thousands of points both cost as much as evaluating it, and no client revalidates
 * query results (Prometheus sends no ETag either).
 */
export function sendJson(res: Response, body: string): void {
  res.status(200);
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
