import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '../../common/validation/params';
import { parseTimestamp } from '../../common/validation/timestamps';
import { RequireRole } from '../auth/roles.decorator';
import { EmbeddingRetryDto, EmbeddingsRetryDto, SearchRunsDto, SimilarRunsDto, SimilarRunsQueryDto, toEmbeddingRetryDto, toSimilarRunsDto } from './dto/similar.dto';
import { SimilarityService } from './similarity.service';

@ApiTags('similar runs')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller()
export class SimilarityController {
  constructor(private readonly similarity: SimilarityService) {}

  @Get('runs/:id/similar')
  @RequireRole('read')
  @ApiOperation({ summary: 'The k runs nearest to this one by embedding (itself excluded), best first' })
  @ApiOkResponse({ type: SimilarRunsDto })
  @ApiNotFoundResponse({ description: 'RUN_NOT_FOUND' })
  @ApiConflictResponse({ description: 'EMBEDDING_PENDING (not embedded yet) or EMBEDDING_FAILED (with the last error)' })
  async similar(@Param('id', new UuidParamPipe('id')) id: string, @Query() query: SimilarRunsQueryDto): Promise<SimilarRunsDto> {
    const items = await this.similarity.similarTo(id, {
      k: query.k ?? 10,
      wpk_id: query.wpk_id,
      status: query.status,
      since: query.since ? parseTimestamp(query.since) : undefined,
    });
    return toSimilarRunsDto(items);
  }

  @Post('runs/:id/embedding/retry')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: "Queue a run whose embedding failed again (e.g. once the provider is fixed); the background worker embeds it" })
  @ApiOkResponse({ type: EmbeddingRetryDto })
  @ApiNotFoundResponse({ description: 'RUN_NOT_FOUND' })
  async retryRun(@Param('id', new UuidParamPipe('id')) id: string): Promise<EmbeddingRetryDto> {
    return toEmbeddingRetryDto(await this.similarity.retryRun(id));
  }

  @Post('embeddings/retry')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Queue every run whose embedding failed again' })
  @ApiOkResponse({ type: EmbeddingsRetryDto })
  async retryFailed(): Promise<EmbeddingsRetryDto> {
    return { requeued: await this.similarity.retryFailed() };
  }

  @Post('runs/search')
  @HttpCode(200)
  @RequireRole('read')
  @ApiOperation({ summary: 'Free-text search over runs by embedding, best first' })
  @ApiOkResponse({ type: SimilarRunsDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming each field' })
  async search(@Body() body: SearchRunsDto): Promise<SimilarRunsDto> {
    const items = await this.similarity.search(body.query, {
      k: body.k ?? 10,
      wpk_id: body.wpk_id,
      status: body.status,
      since: body.since ? parseTimestamp(body.since) : undefined,
    });
    return toSimilarRunsDto(items);
  }
}
