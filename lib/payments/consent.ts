/**
 * The authorisation a client gives when saving a card (shown beside the checkbox and recorded word for word with
 * the time, user and IP in card_authorizations). Changing the wording changes what new cards record; old rows keep
 * the text their clients agreed to.
 */
export function cardConsentText(practiceName: string): string {
  return (
    `I authorize ${practiceName} to save this card and charge it for services provided under this client account, ` +
    `for invoices I can see in the client portal, until I remove the card from the portal.`
  );
}
