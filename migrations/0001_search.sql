-- Full-text search (title weighted over description) and trigram typo tolerance.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
ALTER TABLE "catalog"."products" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, coalesce("title", '')), 'A') ||
  setweight(to_tsvector('english'::regconfig, coalesce("description", '')), 'B')
) STORED;
--> statement-breakpoint
CREATE INDEX "products_search_idx" ON "catalog"."products" USING gin ("search_vector");
--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "catalog"."search_terms" USING gist ("term" gist_trgm_ops);
