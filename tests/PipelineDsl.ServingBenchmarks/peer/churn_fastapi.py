#!/usr/bin/env python3
"""Peer for the serving benchmark: FastAPI + uvicorn + scikit-learn HistGradientBoostingClassifier on the churn data.

Trains on samples/ChurnPrediction/data/churn.csv with the same 15 features as samples/ChurnPrediction/ChurnFeatures.cs
(stratified 80/20 split, random_state=42), prints the holdout AUC, then serves:
  POST /predict  one JSON object with the camelCase Customer fields (label left out) -> {"probability": p}
  GET  /ready    200 once the model is trained, 503 before

Run:  CHURN_CSV=path/to/churn.csv uvicorn churn_fastapi:app --host 127.0.0.1 --port 8000 --workers 1
 or:  churn_fastapi.py [CSV] [PORT]   (uvicorn.run, one worker, no access log)
CSV: first argument, else $CHURN_CSV, else the sample's file relative to this script."""
import json
import os
import sys
import time

import numpy as np
import pandas as pd
from fastapi import FastAPI, Response
from pydantic import BaseModel
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CSV = os.path.join(HERE, "../../../samples/ChurnPrediction/data/churn.csv")

# The order of ChurnFeatures.cs.
FEATURES = [
    "HasInternationalPlan", "HasVoiceMailPlan", "VoiceMailMessages", "AccountLength", "DayMinutes", "DayCalls",
    "EveMinutes", "EveCalls", "NightMinutes", "NightCalls", "IntlMinutes", "IntlCalls", "ServiceCalls",
    "TotalCharge", "ChargePerServiceCall",
]


def csv_path() -> str:
    return os.environ.get("CHURN_CSV") or DEFAULT_CSV


def features_frame(df: pd.DataFrame) -> np.ndarray:
    """The 15 features over the CSV's snake_case columns, as ChurnFeatures.cs computes them (charges are float in
    Customer.cs, summed as double)."""
    f32 = lambda c: df[c].astype(np.float32).astype(np.float64)
    total_charge = f32("total_day_charge") + f32("total_eve_charge") + f32("total_night_charge") + f32("total_intl_charge")
    cols = [
        (df["international_plan"] == "yes").astype(np.float64),
        (df["voice_mail_plan"] == "yes").astype(np.float64),
        df["number_vmail_messages"].astype(np.float64),
        df["account_length"].astype(np.float64),
        f32("total_day_minutes"),
        df["total_day_calls"].astype(np.float64),
        f32("total_eve_minutes"),
        df["total_eve_calls"].astype(np.float64),
        f32("total_night_minutes"),
        df["total_night_calls"].astype(np.float64),
        f32("total_intl_minutes"),
        df["total_intl_calls"].astype(np.float64),
        df["number_customer_service_calls"].astype(np.float64),
        total_charge,
        total_charge / (1 + df["number_customer_service_calls"]),
    ]
    return np.column_stack(cols)


def row_features(c: dict) -> np.ndarray:
    """One request (a dict of the camelCase fields) as a 1x15 array, built per call as a server would."""
    f = lambda k: float(np.float32(c[k]))
    total_charge = f("totalDayCharge") + f("totalEveCharge") + f("totalNightCharge") + f("totalIntlCharge")
    return np.array([[
        1.0 if c["internationalPlan"] == "yes" else 0.0,
        1.0 if c["voiceMailPlan"] == "yes" else 0.0,
        c["numberVmailMessages"],
        c["accountLength"],
        f("totalDayMinutes"),
        c["totalDayCalls"],
        f("totalEveMinutes"),
        c["totalEveCalls"],
        f("totalNightMinutes"),
        c["totalNightCalls"],
        f("totalIntlMinutes"),
        c["totalIntlCalls"],
        c["numberCustomerServiceCalls"],
        total_charge,
        total_charge / (1 + c["numberCustomerServiceCalls"]),
    ]], dtype=np.float64)


def train(path: str | None = None, quiet: bool = False) -> HistGradientBoostingClassifier:
    started = time.perf_counter()
    df = pd.read_csv(path or csv_path())
    x = features_frame(df)
    y = (df["churn"] == "yes").to_numpy(dtype=np.int64)
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, stratify=y, random_state=42)
    model = HistGradientBoostingClassifier(random_state=42).fit(x_train, y_train)
    auc = roc_auc_score(y_test, model.predict_proba(x_test)[:, 1])
    if not quiet:
        print(json.dumps({"peer": "sklearn HistGradientBoostingClassifier", "rows": len(df), "train_rows": len(y_train),
                          "holdout_rows": len(y_test), "holdout_auc": round(float(auc), 4),
                          "train_seconds": round(time.perf_counter() - started, 2)}), flush=True)
    return model


class CustomerRequest(BaseModel):
    """Customer.cs without the label, camelCase like the PipelineDsl request."""
    state: str
    accountLength: int
    areaCode: str
    internationalPlan: str
    voiceMailPlan: str
    numberVmailMessages: int
    totalDayMinutes: float
    totalDayCalls: int
    totalDayCharge: float
    totalEveMinutes: float
    totalEveCalls: int
    totalEveCharge: float
    totalNightMinutes: float
    totalNightCalls: int
    totalNightCharge: float
    totalIntlMinutes: float
    totalIntlCalls: int
    totalIntlCharge: float
    numberCustomerServiceCalls: int


app = FastAPI()
MODEL: HistGradientBoostingClassifier | None = None


@app.on_event("startup")
def load_model() -> None:
    global MODEL
    MODEL = train()


@app.get("/ready")
def ready(response: Response):
    if MODEL is None:
        response.status_code = 503
        return {"ready": False}
    return {"ready": True}


# async def: predict_proba on one row is short, so it runs on the event loop (no thread-pool hop per request).
@app.post("/predict")
async def predict(customer: CustomerRequest):
    p = MODEL.predict_proba(row_features(customer.dict()))[0, 1]
    return {"probability": float(p)}


if __name__ == "__main__":
    import uvicorn

    if len(sys.argv) > 1:
        os.environ["CHURN_CSV"] = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8000
    uvicorn.run(app, host="127.0.0.1", port=port, workers=1, log_level="warning", access_log=False)
