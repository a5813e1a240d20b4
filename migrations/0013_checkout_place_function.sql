-- Hand-written (decision 0025): a checkout's order, reservation and pending payment as one call
-- instead of seven statements. Each module keeps its own part as a function of its schema, and
-- its TypeScript calls the same function when it writes alone (one text of each write):
-- cart.claim_for_checkout, orders.insert_order, inventory.hold_whole; checkout.place calls them.
-- The values (ids, prices, times, event payloads) come from TypeScript as arguments. All are
-- PL/pgSQL, which keeps its statements' plans for the session (a SQL function that is not inlined
-- is parsed and planned at every call).

-- The cart moves from active to checking_out only once: false when it was not active. The e-mail
-- given at checkout is remembered in the same write (null keeps the one it has).
CREATE OR REPLACE FUNCTION "cart"."claim_for_checkout"(p_cart_id text, p_email text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cart.carts SET status = 'checking_out', updated_at = now(), email = coalesce(p_email, email)
  WHERE id = p_cart_id AND status = 'active';
  RETURN FOUND;
END
$$;
--> statement-breakpoint
-- A new order with its items, its history and its order_created event (whose payload gets the
-- number the sequence gives). Rows are given as JSON with the tables' column names. Returns the
-- order's number.
CREATE OR REPLACE FUNCTION "orders"."insert_order"(p_order jsonb, p_items jsonb, p_history jsonb, p_event jsonb) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_number bigint;
BEGIN
  INSERT INTO orders.orders (id, status, payment_status, fulfillment_status, email, customer_id, cart_id, currency,
    subtotal, discount_total, shipping_total, tax_total, total, shipping_address, shipping_option, discounts,
    payment_provider, access_token_hash, created_at, updated_at)
  SELECT id, status, payment_status, fulfillment_status, email, customer_id, cart_id, currency,
    subtotal, discount_total, shipping_total, tax_total, total, shipping_address, shipping_option, discounts,
    payment_provider, access_token_hash, created_at, updated_at
  FROM jsonb_populate_record(NULL::orders.orders, p_order)
  RETURNING number INTO v_number;
  INSERT INTO orders.items (id, order_id, variant_id, sku, title, quantity, unit_price, total)
  SELECT id, order_id, variant_id, sku, title, quantity, unit_price, total
  FROM jsonb_populate_recordset(NULL::orders.items, p_items);
  INSERT INTO orders.history (id, order_id, field, from_value, to_value, note, at)
  SELECT id, order_id, field, from_value, to_value, note, at
  FROM jsonb_populate_recordset(NULL::orders.history, p_history);
  INSERT INTO platform.outbox (id, topic, aggregate_id, payload)
  VALUES (p_event->>'id', p_event->>'topic', p_event->>'aggregate_id',
    jsonb_set(p_event->'payload', '{number}', to_jsonb(v_number::text)));
  RETURN v_number;
END
$$;
--> statement-breakpoint
-- The whole quantity of one variant from one storefront location: the location the allocation rule
-- picks (most free units, then lowest id) among those that can serve it all, held by the
-- conditional write (only units free at that instant) and recorded as a reservation. One row: the
-- location and the units left free there; or, when nothing was held (no location could serve it
-- all, or a concurrent buyer took the units first), a null location and the units free over all
-- storefront locations, so the caller knows whether planning across locations can help.
CREATE OR REPLACE FUNCTION "inventory"."hold_whole"(
  p_id text, p_ref text, p_variant_id text, p_quantity integer, p_expires_at timestamptz
) RETURNS TABLE (location_id text, free integer, available integer)
LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY
  WITH chosen AS (
    SELECT s.location_id
    FROM inventory.stock_levels s JOIN inventory.stock_locations l ON l.id = s.location_id
    WHERE l.serves_storefront AND s.variant_id = p_variant_id AND s.on_hand - s.reserved >= p_quantity
    ORDER BY s.on_hand - s.reserved DESC, s.location_id COLLATE "C"
    LIMIT 1
  ), held AS (
    UPDATE inventory.stock_levels s SET reserved = s.reserved + p_quantity, updated_at = now()
    FROM chosen
    WHERE s.variant_id = p_variant_id AND s.location_id = chosen.location_id AND s.on_hand - s.reserved >= p_quantity
    RETURNING s.location_id, (s.on_hand - s.reserved)::int AS free
  ), recorded AS (
    INSERT INTO inventory.reservations (id, ref, variant_id, location_id, quantity, expires_at)
    SELECT p_id, p_ref, p_variant_id, held.location_id, p_quantity, p_expires_at FROM held
  ), total AS (
    SELECT coalesce(sum(greatest(s.on_hand - s.reserved, 0)), 0)::int AS available
    FROM inventory.stock_levels s JOIN inventory.stock_locations l ON l.id = s.location_id
    WHERE l.serves_storefront AND s.variant_id = p_variant_id
  )
  SELECT held.location_id, held.free, NULL::int FROM held
  UNION ALL
  SELECT NULL, NULL, total.available FROM total WHERE NOT EXISTS (SELECT 1 FROM held);
END
$$;
--> statement-breakpoint
-- A checkout's writes before the payment: claim the cart, create the order (with its event),
-- record the pending payment and, when p_hold is given (an order of one variant), hold the stock
-- last, so the hot stock row is locked only until the commit. Returns {"refused":
-- "cart_not_active"} when the cart was not active, or {"not_held": <units free over all storefront
-- locations>} when the stock could not be held whole at one location, with nothing written in
-- either case; otherwise {"number", "location_id", "free"}. A refusal is an answer, not an error:
-- an error would make the driver's pool drop its connection.
CREATE OR REPLACE FUNCTION "checkout"."place"(
  p_cart_id text, p_email text, p_order jsonb, p_items jsonb, p_history jsonb, p_event jsonb,
  p_pending jsonb, p_hold jsonb
) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_number bigint;
  v_hold record;
BEGIN
  -- a block of its own: its writes are undone when the stock is not held
  BEGIN
    IF NOT cart.claim_for_checkout(p_cart_id, p_email) THEN
      RETURN jsonb_build_object('refused', 'cart_not_active');
    END IF;
    v_number := orders.insert_order(p_order, p_items, p_history, p_event);
    INSERT INTO checkout.pending_payments (order_id, cart_id, provider, token, amount, currency)
    SELECT order_id, cart_id, provider, token, amount, currency
    FROM jsonb_populate_record(NULL::checkout.pending_payments, p_pending);
    IF p_hold IS NULL THEN
      RETURN jsonb_build_object('number', v_number);
    END IF;
    SELECT * INTO v_hold FROM inventory.hold_whole(p_hold->>'id', p_hold->>'ref', p_hold->>'variant_id',
      (p_hold->>'quantity')::int, (p_hold->>'expires_at')::timestamptz);
    IF v_hold.location_id IS NULL THEN
      RAISE EXCEPTION 'stock not held whole at one location' USING ERRCODE = 'CR001', DETAIL = v_hold.available::text;
    END IF;
  EXCEPTION WHEN SQLSTATE 'CR001' THEN
    RETURN jsonb_build_object('not_held', v_hold.available);
  END;
  RETURN jsonb_build_object('number', v_number, 'location_id', v_hold.location_id, 'free', v_hold.free);
END
$$;
