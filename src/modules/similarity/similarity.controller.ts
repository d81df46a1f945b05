import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors';
import { UuidParamPipe } from '../../common/validation/params';
import { parseTimestamp } from '../../common/validation/timestamps';
import { RequireRole } from '../auth/roles.decorator';
import { EmbeddingRetryDto, EmbeddingsRetryDto, SearchRunsDto, SimilarRunsDto, SimilarRunsQueryDto, toEmbeddingRetryDto, toSimilarRunsDto } from './dto/similar.dto';
import { SimilarityService } from './similarity.service';

@ApiTags('similarity')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller()
export class SimilarityController {
  constructor(private readonly similarity: SimilarityService) {}

  @Get('runs/:id/similar')
  @RequireRole('read')
  @ApiOperation({ operationId: 'similarRuns', summary: 'The k runs nearest to this one by embedding (itself excluded), best first' })
  @ApiOkResponse({ type: SimilarRunsDto })
  @ApiErrors(
    'RUN_NOT_FOUND',
    { code: 'EMBEDDING_PENDING', when: 'the run is not embedded yet; retry shortly' },
    { code: 'EMBEDDING_FAILED', when: 'embedding the run failed (details carry the last error)' },
    { code: 'EMBEDDER_UNAVAILABLE', when: 'the embedding service cannot be reached' },
    { code: 'VECTOR_STORE_UNAVAILABLE', when: 'the vector store cannot be reached' },
  )
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
  @ApiOperation({ operationId: 'retryRunEmbedding', summary: 'Queue a run whose embedding failed again (e.g. once the provider is fixed); the background worker embeds it' })
  @ApiOkResponse({ type: EmbeddingRetryDto })
  @ApiErrors('RUN_NOT_FOUND')
  async retryRun(@Param('id', new UuidParamPipe('id')) id: string): Promise<EmbeddingRetryDto> {
    return toEmbeddingRetryDto(await this.similarity.retryRun(id));
  }

  @Post('embeddings/retry')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ operationId: 'retryEmbeddings', summary: 'Queue every run whose embedding failed again' })
  @ApiOkResponse({ type: EmbeddingsRetryDto })
  async retryFailed(): Promise<EmbeddingsRetryDto> {
    return { requeued: await this.similarity.retryFailed() };
  }

  @Post('runs/search')
  @HttpCode(200)
  @RequireRole('read')
  @ApiOperation({ operationId: 'searchRuns', summary: 'Free-text search over runs by embedding, best first' })
  @ApiBody({ type: SearchRunsDto, examples: { search: { value: { query: 'parse node timeout after upstream 503', k: 5, status: 'failed' } } } })
  @ApiOkResponse({ type: SimilarRunsDto })
  @ApiErrors(
    { code: 'EMBEDDER_UNAVAILABLE', when: 'the embedding service cannot be reached' },
    { code: 'VECTOR_STORE_UNAVAILABLE', when: 'the vector store cannot be reached' },
  )
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
