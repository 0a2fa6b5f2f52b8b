"""Smoke test for the orders API. Run with: python client.py"""
import requests

BASE_URL = "https://api.example.test"

# Token from the partner sandbox. Its header names a key URL and a kid chosen by the sender.
PARTNER_TOKEN = "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCIsImtpZCI6ImF0dGFja2VyLTEiLCJqa3UiOiJodHRwczovL2tleXMuYXR0YWNrZXIuZXhhbXBsZS8ud2VsbC1rbm93bi9qd2tzLmpzb24ifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS50ZXN0LyIsInN1YiI6InVzZXItNDIiLCJhdWQiOiJodHRwczovL2FwaS5leGFtcGxlLnRlc3QvIiwiaWF0IjoxNzY3MjI1NTQwLCJleHAiOjE3NjcyMjkyMDB9.8FULoesppT1hCGBnjkEOeTFScDEHeKbRzPZI5bocnXmVBxdGemzz21QPGIFR0B8pB4yheZAKtIhSlCid0E1fBw"
LEGACY_TOKEN = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Ii4uLy4uLy4uLy4uL2Rldi9udWxsIn0.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS50ZXN0LyIsInN1YiI6InVzZXItNDIiLCJhdWQiOiJodHRwczovL2FwaS5leGFtcGxlLnRlc3QvIiwiaWF0IjoxNzY3MjI1NTQwLCJleHAiOjE3NjcyMjkyMDB9.3lnpbkeyYdNKKbtCd8zgjvqKZTIRxNEop82KJigohW4"
)


def list_orders(token: str) -> list:
    response = requests.get(f"{BASE_URL}/orders", headers={"Authorization": f"Bearer {token}"}, timeout=5)
    response.raise_for_status()
    return response.json()


if __name__ == "__main__":
    print(list_orders(PARTNER_TOKEN))
    print(list_orders(LEGACY_TOKEN))
