/**
 * English: the source of truth for every message key and its {placeholders}. fr.ts and de.ts are
 * typed against it. Accessible names listed in the design notes are English strings here; tests and
 * assistive technology find controls by them, so they change only on purpose.
 */
export const en = {
  // Formats: numbers inside are already formatted for the locale.
  'format.size': '{value} {unit}',
  'format.speed': '{size}/s',
  'format.trx': '{amount} TRX',
  'unit.B': 'B',
  'unit.kB': 'kB',
  'unit.MB': 'MB',
  'unit.GB': 'GB',
  'unit.TB': 'TB',
  'duration.s': '{s} s',
  'duration.ms': '{m} min {s} s',
  'duration.hm': '{h} h {m} min',
  'duration.dh': '{d} d {h} h',
  'duration.long': 'more than {days} days',
  'error.context': '{context}: {detail}',

  // Header and pages
  'app.title': 'Tipping Torrent',
  'app.views': 'Views',
  'app.torrents': 'Torrents',
  'app.receipts': 'Receipts',
  'app.settings': 'Settings',
  'app.noStreaming': 'Streaming is unavailable',
  'app.engineUnavailable': 'The torrent engine could not be loaded; reload the page',
  'app.settingsUnreadable': 'Settings could not be read; using defaults',
  'app.receiptsUnreadable': 'Receipts could not be read',
  'app.dismiss': 'Dismiss message',
  'app.pageUnavailable': 'This page could not be loaded',
  'stream.noWorker': 'This browser cannot stream (no service workers; private windows in some browsers)',
  'stream.noControl': 'The streaming service worker did not take control of the page',
  'save.notStarted': 'The download did not start: the page could not reach its streaming service worker',

  // Adding torrents
  'add.heading': 'Add a torrent',
  'add.input': 'Magnet link, info hash or torrent URL',
  'add.placeholder': 'magnet:?xt=urn:btih:…, an info hash, or https://…/file.torrent',
  'add.button': 'Add torrent',
  'add.openFile': 'Open torrent file',
  'add.seedFiles': 'Seed files',
  'add.seedFolder': 'Seed a folder',
  'add.demo': 'Try the demo video',
  'add.hint': 'Or drop a .torrent or any files anywhere on this page.',
  'add.drop': 'Drop a .torrent to open it, or files to seed them',

  // First visit
  'welcome.heading': 'Welcome',
  'welcome.what':
    'Watch a video or download files straight from other browsers while they arrive: nothing to install, no server in between.',
  'welcome.tips':
    'Connect TronLink to tip the peers who sent you verified data, in TRX, at a rate you choose.',
  'welcome.local': 'Your downloads and receipts stay in this browser and survive a reload.',
  'welcome.costs':
    'What tipping costs: the TRX you choose to give. Each transfer may also burn about {fee} of bandwidth once the account’s free daily bandwidth is used up, and a tipping session needs at least {min}.',
  'welcome.connect': 'Connect TronLink',
  'welcome.dismiss': 'Hide this introduction',
  'input.empty': 'Enter a magnet link, an info hash or a torrent URL.',
  'input.tooLong': 'That text is too long to be a magnet link.',
  'input.badUrl': 'That torrent URL is not a valid web address.',
  'input.unknown':
    'Not a magnet link, info hash or torrent URL. A magnet link starts with "magnet:?xt=urn:btih:".',
  'input.noParams': 'That magnet link has no parameters.',
  'input.noXt': 'That magnet link has no "xt" info hash.',
  'input.badHash':
    'That magnet link has no valid BitTorrent info hash (urn:btih: followed by 40 hex or 32 base32 characters).',
  'fetch.unreachable':
    'Could not download the torrent from {url}: the server could not be reached or does not allow it (CORS).',
  'fetch.http': 'Could not download the torrent from {url}: HTTP {status}.',
  'fetch.webPage': '{url} is a web page, not a .torrent file.',
  'fetch.tooLarge': 'That torrent URL points to a file too large to be a .torrent.',
  'torrentFile.empty': 'That .torrent file is empty.',
  'torrentFile.tooLarge': 'That .torrent file is too large.',
  'torrentFile.notBencoded': 'That is not a valid .torrent file (it is not bencoded data).',
  'torrentFile.noInfo': 'That is not a valid .torrent file (it has no info dictionary).',
  'torrentFile.noName': 'That .torrent file has no name.',
  'torrentFile.noPieceLength': 'That .torrent file has no valid piece length.',
  'torrentFile.noPieces': 'That .torrent file has no valid piece hashes.',
  'torrentFile.badFiles': 'That .torrent file does not list its files correctly.',
  'torrentFile.inconsistent': 'That .torrent file is inconsistent: piece count does not match the size.',
  'demo.unavailable': 'the demo torrent could not be loaded (HTTP {status})',

  // The torrent list
  'list.empty': 'No torrents yet. Add a magnet link, open a .torrent, seed your own files, or try the demo.',
  'torrent.paused': 'Paused',
  'torrent.fetchingMetadata': 'Fetching metadata…',
  'torrent.seeding': 'Seeding',
  'torrent.chosenComplete': 'Chosen files complete',
  'torrent.lookingForPeers': 'Looking for peers…',
  'noPeers.title': 'No peer found yet.',
  'noPeers.webrtcOnly':
    'A browser reaches only peers that speak WebRTC. Desktop clients such as qBittorrent or Transmission do not, unless they are WebTorrent Desktop, WebTorrent-hybrid or a libtorrent 2 client with WebTorrent support.',
  'noPeers.only-udp-http-trackers': 'This torrent names only UDP/HTTP trackers, which a browser cannot use.',
  'noPeers.no-websocket-tracker': 'It is announced to no WebSocket tracker.',
  'noPeers.websocket-trackers-silent': 'None of its WebSocket trackers answered.',
  'noPeers.no-web-seed': 'It has no web seed (an HTTP copy of its files).',
  'noPeers.whatToDo':
    'What you can do: add a WebSocket tracker in Settings, ask the seeder to use a WebTorrent-capable client, or add a web seed to the magnet link (ws=).',
  'torrent.downloading': 'Downloading',
  'torrent.details': 'Details',
  'torrent.progress': 'Download progress',
  'torrent.progressOf': '{percent} of {size}',
  'torrent.downloadSpeed': 'Download speed',
  'torrent.uploadSpeed': 'Upload speed',
  'torrent.peers.one': '{count} peer',
  'torrent.peers.other': '{count} peers',
  'torrent.storedTitle': 'Verified data kept in this browser',
  'torrent.stored': '{size} stored',
  'torrent.left': '{duration} left',
  'torrent.pause': 'Pause',
  'torrent.resume': 'Resume',
  'torrent.remove': 'Remove',
  'torrent.removeTitle': 'Remove from the list and keep the downloaded data',
  'torrent.delete': 'Delete torrent and data',
  'torrent.deleteTitle': 'Delete “{name}” and its data?',
  'torrent.deleteMessage': 'The downloaded data is removed from this browser. This cannot be undone.',
  'confirm.keep': 'Keep it',
  'confirm.delete': 'Delete',

  // A torrent's details
  'details.heading': 'Torrent details',
  'details.empty': 'Select a torrent to see its files, play them and share its magnet link.',

  // What the torrent store reports
  'torrents.listUnsaved': 'Could not save the torrent list',
  'torrents.listUnreadable': 'Could not read the saved torrent list',
  'torrents.auditIntact': '{name}: {count} stored pieces checked, all intact',
  'torrents.auditDamaged': '{name}: {count} stored pieces checked, {damaged} damaged and fetched again',
  'torrents.resumeFailed': 'Could not resume {name}',
  'torrents.addFailed': 'Could not add the torrent',
  'torrents.openFailed': 'Could not open the torrent file',
  'torrents.noTorrentFile': 'No .torrent file was selected.',
  'torrents.notATorrentFile': '{name} is too large to be a .torrent file.',
  'torrents.seedFailed': 'Could not seed those files',
  'torrents.noFilesToSeed': 'No files were selected to seed.',
  'torrents.emptyFiles': 'Those files are empty; there is nothing to seed.',
  'torrents.hashingOne': 'Hashing {name}…',
  'torrents.hashingMany': 'Hashing {count} files…',
  'torrents.seedingNow': 'Seeding {name}',
  'torrents.demoFailed': 'Could not start the demo',
  'torrents.removeFailed': 'Could not remove the torrent',
  'torrents.deleteAllFailed': 'Could not delete everything',
  'torrents.allDeleted': 'All torrents and their data were deleted',
  'torrents.playFailed': 'Could not play the file',
  'torrents.notPlayable': 'That file cannot be played in the browser.',
  'torrents.fileGone': 'That file is no longer available.',
  'torrents.torrentGone': 'That torrent is no longer in the list',
  'torrents.removedEarly': 'The torrent was removed before it was ready',
  'torrents.alreadyListed': 'That torrent is already in your list.',
  'torrents.added': 'Torrent added; looking for peers…',
  'torrents.storageFull':
    'Storage is full: “{name}” was paused. Free some space (Settings → Storage) and press Resume; nothing already downloaded was lost.',
  'torrents.storageFullMany.one':
    'Storage is full: “{name}” and {count} other download were paused. Free some space (Settings → Storage) and press Resume; nothing already downloaded was lost.',
  'torrents.storageFullMany.other':
    'Storage is full: “{name}” and {count} other downloads were paused. Free some space (Settings → Storage) and press Resume; nothing already downloaded was lost.',
  'torrents.reopenFailed': 'Could not reopen {name}',
  'torrents.stopped': '{name} stopped: {reason}',
  'torrents.someStopped': 'A torrent stopped: {reason}',

  // Trackers
  'trackers.oneDown': 'Tracker {url} unreachable; retrying with backoff',
  'trackers.manyDown': '{count} trackers unreachable; retrying with backoff',

  // Settings
  'storage.heading': 'Storage',
  'storage.usage': 'Using {used} of {quota} available to this site ({percent}).',
  'storage.meter': 'Storage used',
  'storage.persisted': 'The browser keeps this data even when the disk runs low.',
  'storage.notPersisted': 'The browser may clear this data when the disk runs low.',
  'storage.askToKeep': 'Ask to keep it',
  'storage.kept': 'The browser will keep this data',
  'storage.declined': 'The browser declined; it may clear data when space runs low',
  'storage.askFailed': 'Could not ask for persistent storage',
  'storage.unknown': 'This browser does not report storage use.',
  'storage.deleteAll': 'Delete all torrents and data',
  'storage.deleteAllTitle': 'Delete all torrents and their data?',
  'storage.deleteAllMessage':
    'Every torrent is removed from the list and everything downloaded is deleted from this browser. Settings are kept.',

  // Table columns shared by the peers, receipts and totals tables

  // Peers

  // Wallet
  'wallet.region': 'Wallet',
  'wallet.connect': 'Connect wallet',
  'wallet.disconnect': 'Disconnect wallet',
  'wallet.locked': 'Wallet locked',
  'wallet.balance': 'Balance',
  'wallet.nodeRefused': 'Node unusable',
  'wallet.unsupported': 'Unsupported network',
  'wallet.sharing': 'Peers can tip you',
  'wallet.receive': 'Receive tips',
  'wallet.receiveTitle': 'Sign once in TronLink so that peers can verify your address and tip you',
  'wallet.sendTip': 'Send a tip',
  'wallet.getTronLink': 'Get TronLink',
  'wallet.otherNetwork':
    'TronLink is on a network this app does not support (chain {chain}). Switch it to mainnet, Shasta or Nile.',
  'wallet.lockedAlert':
    'TronLink was locked or no longer shares an account with this page. Unlock it to continue.',
  'network.mainnet': 'TRON mainnet',
  'network.shasta': 'Shasta testnet',
  'network.nile': 'Nile testnet',
  'network.devnet': 'Local devnet',
  'walletError.notInstalled':
    'No TronLink wallet was found in this browser. Install TronLink, then reload this page.',
  'walletError.locked': 'TronLink is locked. Unlock it and try again.',
  'walletError.connectionDeclined': 'The connection was declined in TronLink.',
  'walletError.declined': 'The request was declined in TronLink: nothing was paid.',
  'walletError.pending': 'TronLink is already showing a request from this page: answer it first.',
  'walletError.disconnected': 'The wallet is not connected. Connect it and try again.',
  'walletError.unreachable':
    'The TRON node is unreachable. Check your connection or the node chosen in TronLink.',
  'walletError.unreachableAt':
    'The TRON node at {url} is unreachable. Check your connection or the node chosen in TronLink.',
  'walletError.unexpected': 'The wallet reported an error: {detail}',
  'walletError.nodeLimited':
    "The TRON node at {url} is limiting this page's requests. Try again in a minute, or add a TronGrid API key in Settings.",
  'walletError.nodeFailed': 'The TRON node at {url} could not answer: {detail}',
  'node.limited': 'The TRON node is limiting requests; retrying in {s} s',
  'node.limitedLong':
    'The TRON node has been limiting requests for {minutes} min; retrying in {s} s. A TronGrid API key (Settings) raises the limit.',
  'node.noCors':
    'Tipping is off: the TRON node at {url} sends no CORS headers, so a web page cannot reach it (the browser blocks its answers). Use TronGrid, or a CORS proxy that exposes both the full node and its /walletsolidity port.',
  'node.noSolidity':
    'Tipping is off: the TRON node at {url} does not answer /walletsolidity at {solidity}, so payments cannot be confirmed. A self-hosted java-tron serves it on another port (8091): set the solidity node URL in Settings.',
  'node.otherGenesis':
    'Tipping is off: the TRON node at {url} is not on the network the wallet names ({chain}): its genesis block differs.',
  'settings.node': 'TRON node',
  'settings.nodeHint':
    "By default the app uses the node chosen in TronLink. A TronGrid API key raises TronGrid's request limit. A custom node replaces TronLink's for this page (same network).",
  'settings.apiKey': 'TronGrid API key',
  'settings.fullNode': 'Custom full node URL',
  'settings.solidityNode': 'Custom solidity node URL',
  'settings.nodeSave': 'Save node settings',
  'settings.nodeSaved': 'Node settings saved.',
  'settings.apiKeyInvalid':
    'The TronGrid API key is not valid: it looks like 1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f (letters a–f, digits, dashes).',
  'settings.nodeUrlInvalid':
    '{label}: enter an http:// or https:// address, such as https://api.trongrid.io.',
  'settings.solidityWithoutFull': 'A custom solidity node URL needs a custom full node URL too.',
  'settings.nodeUnsaved': 'The node settings could not be saved',

  // Amounts typed by the user
  'amount.invalid': 'Enter an amount in TRX, for example {example}',
  'amount.tooManyDecimals': 'TRX has at most six decimals (1 sun = {sun} TRX)',
  'amount.tooLarge': 'That amount is too large',
  'amount.notPositive': 'The amount must be more than zero',

  // The tip dialog and the tip pipeline
  'tip.title': 'Send a tip',
  'tip.recipient': 'Recipient address',
  'tip.for': 'For {torrent}',
  'tip.forPeer': 'For {torrent}, peer {peer}',
  'tip.amount': 'Amount (TRX)',
  'tip.fee': 'Network fee: {fee}.',
  'tip.feeNone': 'none (free daily bandwidth)',
  'tip.activation': 'This address has never been used: the network charges {fee} to activate it.',
  'tip.balance': 'Balance: {balance}.',
  'tip.viewTransaction': 'View transaction',
  'tip.close': 'Close',
  'tip.cancel': 'Cancel',
  'tip.send': 'Send tip',
  'tip.step.intent': 'Waiting for your approval in TronLink…',
  'tip.step.signed': 'Signed. Sending to the network…',
  'tip.step.broadcast': 'Sent. Waiting for confirmation…',
  'tip.step.confirmed': 'Tip confirmed.',
  'tip.step.failed': 'The tip failed.',
  'tip.badAddress': 'Enter a TRON address: it starts with T and has 34 characters.',
  'tip.invalidAmount': 'Invalid amount',
  'tip.sendFailed': 'The tip could not be sent',
  'tip.connectFirst': 'Connect a wallet first.',
  'tip.notAnAddress': '{address} is not a valid TRON address.',
  'tip.ownAddress': 'That is your own address: a tip must go to someone else.',
  'tip.insufficient':
    'Insufficient balance: this tip needs {needed} ({amount} plus {fee} in fees), and the wallet holds {balance}.',
  'tip.otherNetwork':
    'TronLink is on a network this app does not support. Switch it to mainnet, Shasta or Nile.',
  'tip.nodeRetrying': 'The TRON node at {url} is unreachable; retrying.',
  'tip.refused': 'The network refused the payment ({code}): {message}. Nothing was paid.',
  'tip.otherTransaction': 'The wallet returned a different transaction than the one asked for.',
  'tip.rawDataMismatch':
    'The wallet signed a transaction whose raw_data does not match its raw_data_hex: it was not sent, nothing was paid.',
  'tip.checkFailed': 'Could not check the payment to {address}',
  'receipt.interrupted': 'Interrupted before the wallet signed: nothing was paid.',
  'receipt.failedOnChain': 'The transaction was included but failed on chain.',
  'receipt.expired': 'The transaction expired without reaching the chain: nothing was paid.',

  // Receipts
  'receipts.directTip': 'No torrent (direct tip)',
  'received.title': 'Tips received',
  'received.total': '({total} in all)',
  'received.none': 'No tips received yet. “Receive tips” lets peers pay you.',
  'received.unreadable': 'Tips received could not be read',
  'received.unsaved': 'A tip received could not be saved',
  'sharing.done': 'Peers can now see your address and tip you.',
  'sharing.failed': 'Your address could not be shared',

  // Tipping sessions
  'session.region': 'Tipping session',
  'session.auto': 'Tip automatically',
  'session.rateLabel': 'Tip rate (TRX per GB)',
  // Said when the question a magnet link asked is answered No (the store that says it is on the first page)
  'launch.declined': 'Nothing was added.',
  'session.budgetLabel': 'Session budget (TRX)',
  'session.start': 'Start tipping',
  'session.end': 'End session',
  'session.hint':
    'One TronLink confirmation moves the budget to a session wallet kept in this browser; peers who prove their address are then paid for verified data, with no further prompts. A payment costs about {fee} in fees, so a peer is paid once it is owed ten times that (and the rest when you end the session); a first session also pays {activation} once to open its wallet. "End session" returns what is left.',
  'session.last': 'Last session: {note}',
  'session.connectToStart': 'Connect your wallet to start a new session.',
  'session.funded': 'Funded',
  'session.tipped': 'Tipped',
  'session.fees': 'Fees',
  'session.left': 'Left',
  'session.rate': 'Rate',
  'session.rateValue': '{rate} TRX per GB',
  'session.wallet': 'Session wallet',
  'session.funding': 'Waiting for the funding transfer to confirm…',
  'session.ending': 'Paying what is owed, then returning the rest to your wallet…',
  'session.halted': '{reason} End the session to return the rest.',
  'session.resumed':
    'Carried on from your last visit: this session pays the peers of your torrents at {rate} TRX per GB until you end it.',
  'session.elsewhere': 'This session is running in another tab of this app.',
  'session.budgetUsed': 'The session budget is used up.',
  'session.walletEmpty': 'The session wallet cannot pay more: its budget is used up.',
  'session.badRate': 'The tip rate must be a positive amount of TRX per GB.',
  'session.smallBudget': 'The session budget must be at least {min}.',
  'session.notFunded': 'Not funded: nothing was paid.',
  'session.started': 'Tipping session started: {budget} to tip peers with.',
  'session.returned': 'Returned {amount} to your wallet.',
  'session.returnFailed': 'The return transfer failed.',
  'session.nothingLeft': 'Nothing was left to return.',
  'session.ended': 'Tipping session ended. {note}',
  'session.startFailed': 'The tipping session could not start',
  'session.endFailed': 'The session could not end yet; try "End session" again',
  'session.resumeFailed': 'The tipping session could not be resumed',
  'session.unreadable': 'The tipping session could not be read',
  'session.overMax':
    'The session budget is above your maximum of {max}. Lower it, or raise the maximum in Settings.',
  'session.openElsewhere':
    'A tipping session is already open in another tab of this app. End it there before starting another.',
  'session.walletInUse':
    'Another tab of this app is using your session wallet. Use that tab, or close it and try again.',
  'session.recover': 'Recover session funds',
  'session.recoverHint':
    'Browser data cleared, or on another device? Your wallet signs once to find your session wallet, and what it holds comes back to you.',
  'session.strandedHeading': 'Money left in a session wallet',
  'session.strandedLine': 'Session wallet {address} holds {amount}.',
  'session.returnFunds': 'Return funds',
  'session.returnedFunds': 'Session wallet: {note}',
  'session.returnFundsFailed': 'The session funds could not be returned yet; try again',
  'storage.sessionFunds':
    'Your tipping session wallet holds {amount}. Return it to your wallet first: once this browser’s data is gone, only your wallet’s signature can recover it.',
  'storage.returnFirst': 'Return session funds first',
  // The app open in several tabs (one runs the engine)
  'tabs.elsewhere':
    'The app runs in another tab: your torrents download and seed there. This tab opens no connection to peers.',
  'tabs.takeOver': 'Run here',
  'tabs.takingOver': 'Asking the other tab to stop…',
  'tabs.handingOver': 'Another tab takes over: saving pieces and stopping here…',
  'tabs.noAnswer': 'The other tab did not answer. Try again, or close it.',
  'tabs.refused': 'The other tab cannot stop right now: {reason}',
  'tabs.addElsewhere': 'The app runs in another tab: add the torrent there, or choose “Run here” first.',
  'tabs.magnetSent':
    'The link was sent to the tab where the app runs; it asks you there before adding anything.',
  'session.busyElsewhere': 'a tipping session is being started or ended; try again once it is done.',
} as const
