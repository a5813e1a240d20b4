CREATE TABLE "fulfillment"."order_reviews" (
	"order_id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"email" text NOT NULL,
	"country" text NOT NULL,
	"total" integer NOT NULL,
	"currency" text NOT NULL,
	"placed_at" timestamp (3) with time zone NOT NULL,
	"decision" text NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decided_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"capture_status" text DEFAULT 'none' NOT NULL,
	"capture_next_at" timestamp (3) with time zone,
	"capture_attempts" integer DEFAULT 0 NOT NULL,
	"capture_error" text
);
--> statement-breakpoint
CREATE TABLE "fulfillment"."shipments" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"location_id" text NOT NULL,
	"carrier" text NOT NULL,
	"carrier_shipment_id" text NOT NULL,
	"tracking_number" text NOT NULL,
	"tracking_url" text NOT NULL,
	"label_url" text NOT NULL,
	"service" text NOT NULL,
	"status" text NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"items" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"shipped_at" timestamp (3) with time zone,
	"delivered_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "fulfillment"."tracking_events" (
	"carrier" text NOT NULL,
	"event_id" text NOT NULL,
	"shipment_id" text NOT NULL,
	"order_id" text NOT NULL,
	"seq" integer NOT NULL,
	"status" text NOT NULL,
	"description" text NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tracking_events_carrier_event_id_pk" PRIMARY KEY("carrier","event_id")
);
--> statement-breakpoint
CREATE INDEX "order_reviews_email_idx" ON "fulfillment"."order_reviews" USING btree (lower("email"),"placed_at");--> statement-breakpoint
CREATE INDEX "order_reviews_held_idx" ON "fulfillment"."order_reviews" USING btree ("placed_at") WHERE "fulfillment"."order_reviews"."decision" = 'held';--> statement-breakpoint
CREATE INDEX "order_reviews_capture_idx" ON "fulfillment"."order_reviews" USING btree ("capture_next_at") WHERE "fulfillment"."order_reviews"."capture_status" = 'due';--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_order_location_idx" ON "fulfillment"."shipments" USING btree ("order_id","location_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_carrier_idx" ON "fulfillment"."shipments" USING btree ("carrier","carrier_shipment_id");--> statement-breakpoint
CREATE INDEX "shipments_open_idx" ON "fulfillment"."shipments" USING btree ("updated_at") WHERE "fulfillment"."shipments"."status" in ('label_created', 'in_transit', 'out_for_delivery');--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_events_seq_idx" ON "fulfillment"."tracking_events" USING btree ("shipment_id","seq");--> statement-breakpoint
CREATE INDEX "tracking_events_order_idx" ON "fulfillment"."tracking_events" USING btree ("order_id","occurred_at");