CREATE SCHEMA "returns";
--> statement-breakpoint
CREATE TABLE "returns"."items" (
	"id" text PRIMARY KEY NOT NULL,
	"return_id" text NOT NULL,
	"order_id" text NOT NULL,
	"order_item_id" text NOT NULL,
	"variant_id" text NOT NULL,
	"sku" text NOT NULL,
	"title" text NOT NULL,
	"quantity" integer NOT NULL,
	"reason" text NOT NULL,
	"refund_amount" integer NOT NULL,
	"exchange_variant_id" text,
	"condition" text,
	"disposition" text,
	"location_id" text
);
--> statement-breakpoint
CREATE TABLE "returns"."steps" (
	"id" text PRIMARY KEY NOT NULL,
	"return_id" text NOT NULL,
	"step" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returns"."returns" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"order_number" text NOT NULL,
	"email" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"currency" text NOT NULL,
	"refund_amount" integer NOT NULL,
	"refund_status" text DEFAULT 'none' NOT NULL,
	"refund_error" text,
	"label" jsonb,
	"exchange_order_id" text,
	"note" text DEFAULT '' NOT NULL,
	"rejection_reason" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "return_items_return_idx" ON "returns"."items" USING btree ("return_id");--> statement-breakpoint
CREATE INDEX "return_items_order_item_idx" ON "returns"."items" USING btree ("order_id","order_item_id");--> statement-breakpoint
CREATE INDEX "return_steps_return_idx" ON "returns"."steps" USING btree ("return_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "return_steps_once_idx" ON "returns"."steps" USING btree ("return_id","step");--> statement-breakpoint
CREATE INDEX "returns_order_idx" ON "returns"."returns" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "returns_exchange_order_idx" ON "returns"."returns" USING btree ("exchange_order_id") WHERE "returns"."returns"."exchange_order_id" is not null;--> statement-breakpoint
CREATE INDEX "returns_created_idx" ON "returns"."returns" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "returns_status_idx" ON "returns"."returns" USING btree ("status","created_at");