CREATE SCHEMA "cart";
--> statement-breakpoint
CREATE SCHEMA "checkout";
--> statement-breakpoint
CREATE SCHEMA "fulfillment";
--> statement-breakpoint
CREATE SCHEMA "orders";
--> statement-breakpoint
CREATE SCHEMA "payments";
--> statement-breakpoint
CREATE SCHEMA "promotions";
--> statement-breakpoint
CREATE SCHEMA "tax";
--> statement-breakpoint
CREATE SEQUENCE "orders"."order_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1001 CACHE 1;--> statement-breakpoint
CREATE TABLE "platform"."outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "cart"."items" (
	"id" text PRIMARY KEY NOT NULL,
	"cart_id" text NOT NULL,
	"variant_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "items_quantity_check" CHECK ("cart"."items"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "cart"."carts" (
	"id" text PRIMARY KEY NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"customer_id" text,
	"email" text,
	"discount_code" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog"."price_schedules" (
	"id" text PRIMARY KEY NOT NULL,
	"variant_id" text NOT NULL,
	"currency" text NOT NULL,
	"amount" integer NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_schedules_window_check" CHECK ("catalog"."price_schedules"."ends_at" > "catalog"."price_schedules"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "checkout"."pending_payments" (
	"order_id" text PRIMARY KEY NOT NULL,
	"cart_id" text NOT NULL,
	"provider" text NOT NULL,
	"token" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fulfillment"."shipping_options" (
	"id" text PRIMARY KEY NOT NULL,
	"zone_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"currency" text NOT NULL,
	"amount" integer NOT NULL,
	"per_kg" integer DEFAULT 0 NOT NULL,
	"free_above" integer,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fulfillment"."zones" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"countries" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory"."reservations" (
	"id" text PRIMARY KEY NOT NULL,
	"ref" text NOT NULL,
	"variant_id" text NOT NULL,
	"location_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reservations_quantity_check" CHECK ("inventory"."reservations"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "orders"."history" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"field" text NOT NULL,
	"from_value" text,
	"to_value" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders"."items" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"variant_id" text NOT NULL,
	"sku" text NOT NULL,
	"title" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" integer NOT NULL,
	"total" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders"."orders" (
	"id" text PRIMARY KEY NOT NULL,
	"number" bigint DEFAULT nextval('orders.order_number_seq') NOT NULL,
	"status" text NOT NULL,
	"payment_status" text NOT NULL,
	"fulfillment_status" text NOT NULL,
	"email" text NOT NULL,
	"customer_id" text,
	"cart_id" text NOT NULL,
	"currency" text NOT NULL,
	"subtotal" integer NOT NULL,
	"discount_total" integer DEFAULT 0 NOT NULL,
	"shipping_total" integer DEFAULT 0 NOT NULL,
	"tax_total" integer DEFAULT 0 NOT NULL,
	"total" integer NOT NULL,
	"shipping_address" jsonb NOT NULL,
	"shipping_option" jsonb,
	"discounts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"payment_provider" text,
	"access_token_hash" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments"."attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"gateway" text NOT NULL,
	"operation" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"outcome" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"gateway_ref" text,
	"error" text,
	"duration_ms" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments"."payments" (
	"order_id" text PRIMARY KEY NOT NULL,
	"gateway" text NOT NULL,
	"gateway_ref" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"captured_amount" integer DEFAULT 0 NOT NULL,
	"refunded_amount" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promotions"."customer_usage" (
	"promotion_id" text NOT NULL,
	"customer_key" text NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "customer_usage_promotion_id_customer_key_pk" PRIMARY KEY("promotion_id","customer_key")
);
--> statement-breakpoint
CREATE TABLE "promotions"."promotions" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text,
	"name" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"value" integer DEFAULT 0 NOT NULL,
	"currency" text,
	"min_subtotal" integer DEFAULT 0 NOT NULL,
	"starts_at" timestamp (3) with time zone,
	"ends_at" timestamp (3) with time zone,
	"usage_limit" integer,
	"per_customer_limit" integer,
	"times_used" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promotions_usage_check" CHECK ("promotions"."promotions"."usage_limit" is null or "promotions"."promotions"."times_used" <= "promotions"."promotions"."usage_limit"),
	CONSTRAINT "promotions_value_check" CHECK ("promotions"."promotions"."value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "promotions"."redemptions" (
	"promotion_id" text NOT NULL,
	"order_id" text NOT NULL,
	"customer_key" text NOT NULL,
	"amount" integer NOT NULL,
	"status" text DEFAULT 'held' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "redemptions_promotion_id_order_id_pk" PRIMARY KEY("promotion_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "tax"."rates" (
	"country" text NOT NULL,
	"region" text DEFAULT '' NOT NULL,
	"rate_bp" integer NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	CONSTRAINT "rates_country_region_pk" PRIMARY KEY("country","region")
);
--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "platform"."outbox" USING btree ("created_at") WHERE "platform"."outbox"."published_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "items_cart_variant_idx" ON "cart"."items" USING btree ("cart_id","variant_id");--> statement-breakpoint
CREATE INDEX "carts_customer_idx" ON "cart"."carts" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "carts_updated_idx" ON "cart"."carts" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "price_schedules_variant_idx" ON "catalog"."price_schedules" USING btree ("variant_id","currency","starts_at");--> statement-breakpoint
CREATE INDEX "reservations_ref_idx" ON "inventory"."reservations" USING btree ("ref");--> statement-breakpoint
CREATE INDEX "reservations_expiry_idx" ON "inventory"."reservations" USING btree ("expires_at") WHERE "inventory"."reservations"."status" = 'active';--> statement-breakpoint
CREATE INDEX "order_history_order_idx" ON "orders"."history" USING btree ("order_id","at");--> statement-breakpoint
CREATE INDEX "order_items_order_idx" ON "orders"."items" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_number_idx" ON "orders"."orders" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_cart_idx" ON "orders"."orders" USING btree ("cart_id") WHERE "orders"."orders"."status" <> 'canceled';--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders"."orders" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "orders_created_idx" ON "orders"."orders" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_customer_idx" ON "orders"."orders" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "orders_email_idx" ON "orders"."orders" USING btree ("email");--> statement-breakpoint
CREATE INDEX "attempts_order_idx" ON "payments"."attempts" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "promotions_code_idx" ON "promotions"."promotions" USING btree (lower("code"));