import { Injectable, PipeTransform } from '@nestjs/common';
import { length } from 'class-validator';
import { AppError } from '../../common/errors/app-error';
import { findUnstorable } from '../../common/validation/storable';
import { MAX_WORKFLOW_ID_LENGTH } from './domain/workflow';

/** A workflow id in a path: validated like a run's wpk_id (1–200 characters, storable). */
@Injectable()
export class WorkflowIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !length(value, 1, MAX_WORKFLOW_ID_LENGTH)) {
      throw AppError.field('id', `must be 1 to ${MAX_WORKFLOW_ID_LENGTH} characters`);
    }
    const bad = findUnstorable(value, 'id');
    if (bad) throw AppError.validation([bad]);
    return value;
  }
}
