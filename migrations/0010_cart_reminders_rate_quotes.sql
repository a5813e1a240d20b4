CREATE TABLE "fulfillment"."rate_quotes" (
	"id" text PRIMARY KEY NOT NULL,
	"cart_id" text NOT NULL,
	"carrier" text NOT NULL,
	"service" text NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"currency" text NOT NULL,
	"weight_band" integer NOT NULL,
	"amount" integer NOT NULL,
	"estimated_days" integer NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cart"."carts" ADD COLUMN "reminded_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "cart"."carts" ADD COLUMN "reminder" text;--> statement-breakpoint
CREATE INDEX "rate_quotes_cart_idx" ON "fulfillment"."rate_quotes" USING btree ("cart_id");--> statement-breakpoint
CREATE INDEX "rate_quotes_expires_idx" ON "fulfillment"."rate_quotes" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "carts_unreminded_idx" ON "cart"."carts" USING btree ("updated_at") WHERE "cart"."carts"."status" = 'active' and "cart"."carts"."reminded_at" is null and ("cart"."carts"."email" is not null or "cart"."carts"."customer_id" is not null);--> statement-breakpoint
CREATE INDEX "attempts_ambiguous_idx" ON "payments"."attempts" USING btree ("created_at") WHERE "payments"."attempts"."outcome" = 'ambiguous';