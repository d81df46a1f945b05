import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { sendError } from '../errors/all-exceptions.filter';
import { AppError } from '../errors/app-error';

/**
 * Whether the process serves requests: not yet while it starts (the port is bound before the app
 * has finished starting, see `startServer`), nor once it drains for shutdown; requests that
 * arrive then are refused with a 503 and Retry-After.
 */
@Injectable()
export class DrainState implements OnApplicationBootstrap {
  /** routes, hooks and the not-found handler are all in place */
  ready = false;
  draining = false;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  onApplicationBootstrap(): void {
    this.ready = true;
  }

  /** `send` answers the refusals: the shared error body unless a route answers in its own protocol's format. */
  middleware(send: (err: AppError, req: Request, res: Response) => void = sendError) {
    return (req: Request, res: Response, next: NextFunction): void => {
      if (!this.ready) {
        send(new AppError('STARTING', 'the server is starting; retry in a moment', undefined, 1), req, res);
        return;
      }
      if (this.draining) {
        res.setHeader('Connection', 'close');
        send(new AppError('SHUTTING_DOWN', 'the server is shutting down; retry on another instance', undefined, 1), req, res);
        return;
      }
      this.inFlight++;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        this.inFlight--;
        if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((w) => w());
      };
      res.on('finish', finish);
      res.on('close', finish);
      next();
    };
  }

  /** Resolves once no request is in flight (or at the deadline). */
  async idle(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
