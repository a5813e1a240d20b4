-- TEMPORARY: the customers module's tables, written by hand to mirror tables.ts until the
-- coordinator renames tables.ts to schema.ts and generates migration 0008. Tests apply this file
-- after the normal migrations (test/customers/customers-app.ts). Delete it once 0008 exists.
CREATE SCHEMA IF NOT EXISTS "customers";
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "customers"."accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"password_hash" text NOT NULL,
	"email_verified_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "accounts_email_uq" ON "customers"."accounts" USING btree ("email");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "customers"."sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sessions_customer_idx" ON "customers"."sessions" USING btree ("customer_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sessions_expires_idx" ON "customers"."sessions" USING btree ("expires_at");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "customers"."tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"purpose" text NOT NULL,
	"email" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"used_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "tokens_purpose_check" CHECK ("customers"."tokens"."purpose" in ('verify_email', 'reset_password'))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tokens_customer_idx" ON "customers"."tokens" USING btree ("customer_id","purpose","created_at");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "customers"."addresses" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"name" text NOT NULL,
	"line1" text NOT NULL,
	"line2" text,
	"city" text NOT NULL,
	"region" text,
	"postal_code" text NOT NULL,
	"country" text NOT NULL,
	"phone" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "addresses_customer_idx" ON "customers"."addresses" USING btree ("customer_id","created_at");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "customers"."privacy_log" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"action" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "privacy_log_action_check" CHECK ("customers"."privacy_log"."action" in ('export', 'erasure'))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "privacy_log_customer_idx" ON "customers"."privacy_log" USING btree ("customer_id","at");
