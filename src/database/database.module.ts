import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { buildDataSourceOptions } from './data-source';
import { Database } from './database.service';

/**
 * The database, already opened and migrated by `connectDatabase` before the app is built (so a
 * database that cannot be reached stops the start with one clear line); closed with the app.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(dataSource: DataSource): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => buildDataSourceOptions(config),
          dataSourceFactory: async () => dataSource,
        }),
      ],
      providers: [Database],
      exports: [Database],
    };
  }
}
