import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { sendError } from '../errors/all-exceptions.filter';
import { AppError } from '../errors/app-error';

/** Whether the process is draining for shutdown; requests that arrive then are refused. */
@Injectable()
export class DrainState {
  draining = false;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      if (this.draining) {
        res.setHeader('Connection', 'close');
        sendError(new AppError('SHUTTING_DOWN', 'the server is shutting down; retry on another instance', undefined, 1), req, res);
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
