/**
 * Mainnet's fee schedule and limits, under java-tron's own names, so that what a transfer costs on the
 * devnet is what it costs on mainnet (the tipping policy is tuned against these numbers).
 */

/** `wallet/getchainparameters`, as mainnet answered it (the values the devnet uses are marked). */
export const CHAIN_PARAMETERS = {
  getMaintenanceTimeInterval: 21_600_000,
  getAccountUpgradeCost: 9_999_000_000,
  /** Used: burned for bandwidth when a transfer creates its recipient. */
  getCreateAccountFee: 100_000,
  /** Used: sun burned per bandwidth byte once the free allowance is spent. */
  getTransactionFee: 1_000,
  getAssetIssueFee: 1_024_000_000,
  getWitnessPayPerBlock: 16_000_000,
  getWitnessStandbyAllowance: 115_200_000_000,
  /** Used: burned by the TransferContract that creates its recipient. */
  getCreateNewAccountFeeInSystemContract: 1_000_000,
  getCreateNewAccountBandwidthRate: 1,
  getAllowCreationOfContracts: 1,
  getRemoveThePowerOfTheGr: -1,
  getEnergyFee: 420,
  getExchangeCreateFee: 1_024_000_000,
  getMaxCpuTimeOfOneTx: 80,
  getAllowUpdateAccountName: 0,
  getAllowSameTokenName: 1,
  getAllowDelegateResource: 1,
  getTotalEnergyLimit: 90_000_000_000,
  getAllowTvmTransferTrc10: 1,
  getTotalEnergyCurrentLimit: 90_000_000_000,
  getAllowMultiSign: 1,
  getAllowAdaptiveEnergy: 0,
  getUpdateAccountPermissionFee: 100_000_000,
  getMultiSignFee: 1_000_000,
  getAllowAccountStateRoot: 0,
  getAllowProtoFilterNum: 0,
  getAllowTvmConstantinople: 1,
  getAllowTvmSolidity059: 1,
  getAllowTvmIstanbul: 1,
  getAllowShieldedTRC20Transaction: 1,
  getForbidTransferToContract: 0,
  getAdaptiveResourceLimitTargetRatio: 10,
  getAdaptiveResourceLimitMultiplier: 1_000,
  getChangeDelegation: 1,
  getWitness127PayPerBlock: 128_000_000,
  getAllowMarketTransaction: 0,
  getMarketSellFee: 0,
  getMarketCancelFee: 0,
  /** Used: each account's free bandwidth per day. */
  getFreeNetLimit: 600,
  getTotalNetLimit: 43_200_000_000,
  getAllowTvmLondon: 1,
  getAllowHigherLimitForMaxCpuTimeOfOneTx: 1,
  getAllowAssetOptimization: 1,
  getAllowNewReward: 1,
  /** Used: burned by a transaction that carries a memo (raw_data.data). */
  getMemoFee: 1_000_000,
  getAllowDelegateOptimization: 1,
  getUnfreezeDelayDays: 14,
  getAllowOptimizedReturnValueOfChainId: 1,
  getAllowDynamicEnergy: 1,
  getDynamicEnergyThreshold: 5_000_000_000,
  getDynamicEnergyIncreaseFactor: 2_000,
  getDynamicEnergyMaxFactor: 34_000,
  getAllowTvmShangHai: 1,
  getAllowCancelAllUnfreezeV2: 1,
  getMaxDelegateLockPeriod: 864_000,
} as const

/** java-tron's Constant.MAX_RESULT_SIZE_IN_TX: bandwidth counts this many bytes for the result. */
export const MAX_RESULT_SIZE_IN_TX = 64
/** java-tron's TRANSACTION_MAX_BYTE_SIZE. */
export const TRANSACTION_MAX_BYTE_SIZE = 500 * 1024
/** java-tron's MAXIMUM_TIME_UNTIL_EXPIRATION: a transaction may expire at most 24 h after the head block. */
export const MAXIMUM_TIME_UNTIL_EXPIRATION_MS = 24 * 60 * 60 * 1000
/** Free bandwidth recovers linearly over this window (java-tron: 28 800 slots of 3 s). */
export const NET_WINDOW_MS = 24 * 60 * 60 * 1000
/** java-tron's signature limit per transaction. */
export const TOTAL_SIGN_NUM = 5
/** ref_block_bytes holds two bytes of the block number, so a reference block is one of the last 65 536. */
export const TAPOS_WINDOW = 65_536
/** Block header version the devnet writes (any value works; clients do not read it). */
export const BLOCK_VERSION = 30
/** What getnodeinfo reports as codeVersion; TronWeb gates a few deprecated APIs on it (>= 4.1.1). */
export const CODE_VERSION = '4.8.0'
